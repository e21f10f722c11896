package org.migrationportal.shared;

/** The request clashes with the current state (a key already taken, an impossible transition). Answered as 409. */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String message) {
        this(null, message);
    }

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field the conflict is about, or null. */
    public String field() {
        return field;
    }
}
