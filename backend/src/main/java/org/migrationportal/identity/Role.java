package org.migrationportal.identity;

/**
 * Portal roles. {@code APPROVER} is granted per project; the others are global. Every signed-in user
 * can view; ADMIN includes AUDITOR.
 */
public enum Role {
    VIEWER,
    APPROVER,
    AUDITOR,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    public boolean perProject() {
        return this == APPROVER;
    }

    /** The authority that says "may approve for this project". */
    public static String approverOf(String projectKey) {
        return "APPROVER:" + projectKey;
    }
}
