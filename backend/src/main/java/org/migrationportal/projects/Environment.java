package org.migrationportal.projects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "environment")
class Environment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "project_id")
    private Project project;

    @Column(name = "environment_key", nullable = false, updatable = false)
    private String key;

    private String name;

    @Column(name = "tier_order")
    private int tierOrder;

    private boolean production;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "verified_by_id")
    private Environment verifiedBy;

    @Version
    private long version;

    protected Environment() {}

    Environment(Project project, String key) {
        this.project = project;
        this.key = key;
    }

    void describe(String name, int tierOrder, boolean production, Environment verifiedBy) {
        this.name = name;
        this.tierOrder = tierOrder;
        this.production = production;
        this.verifiedBy = verifiedBy;
    }

    Long id() {
        return id;
    }

    String key() {
        return key;
    }

    String name() {
        return name;
    }

    int tierOrder() {
        return tierOrder;
    }

    boolean production() {
        return production;
    }

    Environment verifiedBy() {
        return verifiedBy;
    }
}
