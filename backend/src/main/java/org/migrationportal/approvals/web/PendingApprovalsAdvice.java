package org.migrationportal.approvals.web;

import java.util.List;
import org.migrationportal.approvals.ApprovalRequests;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The number of pending requests the signed-in user may decide, shown in the layout's navigation. */
@ControllerAdvice(annotations = Controller.class)
class PendingApprovalsAdvice {

    static final String APPROVER_PREFIX = "APPROVER:";

    private final ApprovalRequests approvals;

    PendingApprovalsAdvice(ApprovalRequests approvals) {
        this.approvals = approvals;
    }

    @ModelAttribute("pendingApprovalCount")
    Long pendingApprovalCount(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return null;
        }
        List<String> projects = approverProjects(authentication);
        return projects.isEmpty() ? null : approvals.pendingCountFor(projects);
    }

    static List<String> approverProjects(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(APPROVER_PREFIX)).map(a -> a.substring(APPROVER_PREFIX.length())).toList();
    }
}
