package org.migrationportal.cli;

/** Exit codes, documented in docs/ci-integration.md. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The portal refused the request (4xx problem), or an unexpected error. */
    public static final int REJECTED = 1;
    /** Bad flags or arguments (picocli's default). */
    public static final int USAGE = 2;
    /** {@code gate}: the portal denied the deploy. */
    public static final int GATE_DENIED = 3;
    /** The portal stayed unreachable or unavailable through every retry. */
    public static final int UNREACHABLE = 4;
    /** {@code scan --strict}: the history had parse errors. */
    public static final int SCAN_ERRORS = 5;

    /** {@code report --fail-on-check-failure}: the run was stored, and at least one check failed. */
    public static final int CHECK_FAILED = 6;

    /** {@code gate --wait}: the timeout passed while the gate still waited for approvals, a backup or staging. */
    public static final int GATE_WAIT_TIMEOUT = 7;

    private ExitCodes() {}
}
