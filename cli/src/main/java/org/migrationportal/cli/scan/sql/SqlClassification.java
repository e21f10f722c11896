package org.migrationportal.cli.scan.sql;

import java.util.List;
import org.migrationportal.cli.manifest.Operation;

/**
 * What a statement (or a script) does to the schema, and whether it cannot run inside a transaction
 * (PostgreSQL rejects CREATE INDEX CONCURRENTLY, VACUUM and a few others in a transaction block).
 */
public record SqlClassification(List<Operation> operations, boolean requiresNoTransaction) {

    public SqlClassification {
        operations = List.copyOf(operations);
    }
}
