package org.migrationportal.approvals;

import org.migrationportal.compliance.EnvironmentPolicy;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectView;
import org.springframework.stereotype.Component;

/** The policy an approval request is opened under: approvals needed, expiry, break-glass review deadline. */
@Component
class ApprovalPolicies {

    EnvironmentPolicy policyFor(ProjectView project, EnvironmentView environment) {
        return EnvironmentPolicy.defaults(environment.id(), environment.production());
    }
}
