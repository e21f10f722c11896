package org.migrationportal.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Reads audit entries with plain JDBC (no entity loading): the sealer, verification and exports stream them. */
final class AuditEntryRows {

    static final String COLUMNS = "id, occurred_at, actor, actor_type, action, project_key, environment_key, "
            + "target_type, target_id, client_address, details";

    private AuditEntryRows() {}

    static AuditEntryView map(ResultSet rs) throws SQLException {
        OffsetDateTime occurredAt = rs.getObject(2, OffsetDateTime.class);
        return new AuditEntryView(
                rs.getLong(1),
                occurredAt == null ? null : occurredAt.toInstant(),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11));
    }
}
