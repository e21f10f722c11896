package org.migrationportal.approvals;

/**
 * The caller may not make this decision (not an approver of the project, the requester, or an author of a
 * migration in the request). Answered as 403 with the message; the attempt is audited.
 */
public class DecisionRefusedException extends RuntimeException {

    public DecisionRefusedException(String message) {
        super(message);
    }
}
