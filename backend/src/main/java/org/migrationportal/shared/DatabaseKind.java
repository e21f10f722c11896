package org.migrationportal.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Which database the portal runs on: PostgreSQL, or H2 for the quick start; read once at start, for the few places whose SQL differs. */
@Component
public class DatabaseKind {

    private final boolean postgres;

    public DatabaseKind(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database the portal runs on", e);
        }
    }

    public boolean isPostgres() {
        return postgres;
    }
}
