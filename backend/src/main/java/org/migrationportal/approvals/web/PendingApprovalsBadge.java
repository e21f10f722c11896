package org.migrationportal.approvals.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.migrationportal.approvals.ApprovalRequests;
import org.migrationportal.shared.LayoutAttributes;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The number of pending requests the signed-in user may decide, shown in the layout's navigation. */
@Component
class PendingApprovalsBadge implements LayoutAttributes {

    static final String APPROVER_PREFIX = "APPROVER:";

    private final ApprovalRequests approvals;

    PendingApprovalsBadge(ApprovalRequests approvals) {
        this.approvals = approvals;
    }

    @Override
    public void addTo(Map<String, Object> model, HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return;
        }
        List<String> projects = approverProjects(authentication);
        if (!projects.isEmpty()) {
            model.putIfAbsent("pendingApprovalCount", approvals.pendingCountFor(projects));
        }
    }

    static List<String> approverProjects(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(APPROVER_PREFIX))
                .map(a -> a.substring(APPROVER_PREFIX.length()))
                .toList();
    }
}
