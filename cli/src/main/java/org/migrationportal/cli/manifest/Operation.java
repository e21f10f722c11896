package org.migrationportal.cli.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One schema change inside a migration, in the manifest's shape. {@code detail} says what the scanner saw
 * (for unclassified items and summaries); it is not part of the wire format.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "table", "column", "concurrently", "destructive"})
public record Operation(
        OperationType type,
        String table,
        String column,
        boolean concurrently,
        boolean destructive,
        @JsonIgnore boolean validating,
        @JsonIgnore boolean blocksTable,
        @JsonIgnore String detail,
        @JsonIgnore int line) {

    public static Operation of(OperationType type, String table, String column) {
        return new Operation(type, table, column, false, type.destructive(), true, false, null, 0);
    }

    public static Operation index(OperationType type, String table, String column, boolean concurrently) {
        return new Operation(type, table, column, concurrently, type.destructive(), true, false, null, 0);
    }

    public static Operation unclassified(String table, String detail) {
        return new Operation(OperationType.UNCLASSIFIED, table, null, false, false, true, false, detail, 0);
    }

    public Operation withDetail(String newDetail) {
        return new Operation(type, table, column, concurrently, destructive, validating, blocksTable, newDetail, line);
    }

    public Operation atLine(int newLine) {
        return new Operation(type, table, column, concurrently, destructive, validating, blocksTable, detail, newLine);
    }

    /** A constraint added with NOT VALID does not scan the table while holding its lock. */
    public Operation notValidating() {
        return new Operation(type, table, column, concurrently, destructive, false, blocksTable, detail, line);
    }

    /**
     * Holds a lock that blocks the table for a time that grows with it, whatever its type says: a rewrite
     * (SET TABLESPACE, a volatile default), VACUUM FULL, CLUSTER, REINDEX, LOCK TABLE. {@code why} is the detail.
     */
    public Operation blocking(String why) {
        return new Operation(type, table, column, concurrently, destructive, validating, true, why, line);
    }

    @JsonIgnore
    public boolean losesData() {
        return type.losesData();
    }

    @JsonIgnore
    public boolean takesLongLock() {
        if (blocksTable) {
            return true;
        }
        if (type == OperationType.ADD_CONSTRAINT) {
            return validating;
        }
        return type.takesLongLock(concurrently);
    }
}
