package org.migrationportal.projects.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.migrationportal.projects.EnvironmentDefinition;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.shared.Slugs;

/** The environment form (create and edit). */
class EnvironmentForm {

    @NotBlank
    @Pattern(regexp = Slugs.REGEX, message = Slugs.MESSAGE)
    private String key;

    @Size(max = 200)
    private String name;

    @NotNull
    @Min(1)
    @Max(1000)
    private Integer order = 1;

    private boolean production;

    private String verifiedBy;

    static EnvironmentForm of(EnvironmentView environment) {
        EnvironmentForm form = new EnvironmentForm();
        form.key = environment.key();
        form.name = environment.name();
        form.order = environment.order();
        form.production = environment.production();
        form.verifiedBy = environment.verifiedBy();
        return form;
    }

    EnvironmentDefinition toDefinition() {
        return new EnvironmentDefinition(key, name, order, production, verifiedBy);
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key == null ? null : key.strip();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getOrder() {
        return order;
    }

    public void setOrder(Integer order) {
        this.order = order;
    }

    public boolean isProduction() {
        return production;
    }

    public void setProduction(boolean production) {
        this.production = production;
    }

    public String getVerifiedBy() {
        return verifiedBy;
    }

    public void setVerifiedBy(String verifiedBy) {
        this.verifiedBy = verifiedBy == null || verifiedBy.isBlank() ? null : verifiedBy;
    }
}
