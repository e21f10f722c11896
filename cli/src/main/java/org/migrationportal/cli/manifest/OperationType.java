package org.migrationportal.cli.manifest;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Operation vocabulary of the portal's manifest (SPEC §2 plus the few extra kinds the scanner can tell
 * apart). What counts as destructive, data-losing or lock-taking is decided here, in one place.
 */
public enum OperationType {
    CREATE_TABLE,
    DROP_TABLE,
    ADD_COLUMN,
    DROP_COLUMN,
    ALTER_COLUMN_TYPE,
    RENAME_COLUMN,
    RENAME_TABLE,
    SET_NOT_NULL,
    DROP_NOT_NULL,
    ALTER_COLUMN_DEFAULT,
    CREATE_INDEX,
    DROP_INDEX,
    ADD_CONSTRAINT,
    DROP_CONSTRAINT,
    TRUNCATE,
    UPDATE_WITHOUT_WHERE,
    DELETE_WITHOUT_WHERE,
    /** Recognised SQL or change that is not a schema change the portal models (INSERT, CREATE VIEW, GRANT…). */
    EXECUTE_SQL,
    /** Something the scanner could not read with confidence: dynamic SQL, procedural blocks, Java code. */
    UNCLASSIFIED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** SPEC: destructive = loses data or breaks existing readers. */
    public boolean destructive() {
        return switch (this) {
            case DROP_TABLE,
                    DROP_COLUMN,
                    ALTER_COLUMN_TYPE,
                    RENAME_COLUMN,
                    RENAME_TABLE,
                    TRUNCATE,
                    UPDATE_WITHOUT_WHERE,
                    DELETE_WITHOUT_WHERE -> true;
            default -> false;
        };
    }

    /**
     * Loses rows or values for good, so a downgrade that exists can only be {@code lossy}. Renames and type
     * changes break readers but keep the data, so they do not make a written downgrade lossy.
     */
    public boolean losesData() {
        return switch (this) {
            case DROP_TABLE, DROP_COLUMN, TRUNCATE, UPDATE_WITHOUT_WHERE, DELETE_WITHOUT_WHERE -> true;
            default -> false;
        };
    }

    /**
     * Holds a lock that blocks reads or writes for a time that grows with the table (PostgreSQL): table
     * rewrites, full scans under ACCESS EXCLUSIVE, non-concurrent index builds, whole-table DML.
     */
    public boolean takesLongLock(boolean concurrently) {
        return switch (this) {
            case ALTER_COLUMN_TYPE, SET_NOT_NULL, ADD_CONSTRAINT, UPDATE_WITHOUT_WHERE, DELETE_WITHOUT_WHERE -> true;
            case CREATE_INDEX, DROP_INDEX -> !concurrently;
            default -> false;
        };
    }
}
