package org.migrationportal.approvals;

import org.migrationportal.compliance.EnvironmentPolicy;
import org.migrationportal.compliance.PolicyBook;
import org.migrationportal.projects.EnvironmentView;
import org.migrationportal.projects.ProjectView;
import org.springframework.stereotype.Component;

/** The policy an approval request is opened under (approvals needed, expiry, review deadline): the compliance module's policy book. */
@Component
class ApprovalPolicies {

    private final PolicyBook policyBook;

    ApprovalPolicies(PolicyBook policyBook) {
        this.policyBook = policyBook;
    }

    EnvironmentPolicy policyFor(ProjectView project, EnvironmentView environment) {
        return policyBook.policyFor(environment);
    }
}
