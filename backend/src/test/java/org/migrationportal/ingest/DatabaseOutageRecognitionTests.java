package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.migrationportal.shared.DatabaseOutage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures count as "the database is unreachable" (answered 503) and which are bugs (500). */
class DatabaseOutageRecognitionTests {

    @Test
    void connectionFailuresAreOutages() {
        assertThat(DatabaseOutage.isCause(new CannotCreateTransactionException(
                        "no tx",
                        new SQLTransientConnectionException(
                                "Connection is not available, request timed out after 2000ms"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(new SQLException("An I/O error occurred", "08006"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException(new SQLException("terminating connection", "57P01"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(new IllegalStateException(new ConnectException("Connection refused"))))
                .isTrue();
        // A broken connection fails again on rollback, and that rollback failure is what reaches the handler.
        assertThat(DatabaseOutage.isCause(new JpaSystemException(new RuntimeException(
                        "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")))))
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseOutage.isCause(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(DatabaseOutage.isCause(new RuntimeException(new SQLException("syntax error", "42601"))))
                .isFalse();
        assertThat(DatabaseOutage.isCause(new NullPointerException())).isFalse();
    }
}
