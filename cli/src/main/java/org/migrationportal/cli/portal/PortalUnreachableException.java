package org.migrationportal.cli.portal;

/** Every attempt failed with a network error or a retryable status; nothing is known to be stored. */
public final class PortalUnreachableException extends Exception {

    public PortalUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
