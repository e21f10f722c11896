package org.migrationportal.cli.portal;

/** The portal refused the request (4xx, or 5xx after retries); carries the problem to print. */
public final class PortalException extends Exception {

    private final PortalProblem problem;

    public PortalException(PortalProblem problem) {
        super(problem.describe());
        this.problem = problem;
    }

    public PortalProblem problem() {
        return problem;
    }
}
