package org.migrationportal.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A role given to a user; {@code projectId} is set for per-project roles (APPROVER) only. */
@Entity
@Table(name = "role_grant")
class RoleGrant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private PortalUser user;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "project_id")
    private Long projectId;

    protected RoleGrant() {}

    RoleGrant(PortalUser user, Role role, Long projectId) {
        this.user = user;
        this.role = role;
        this.projectId = projectId;
    }

    Role role() {
        return role;
    }

    Long projectId() {
        return projectId;
    }
}
