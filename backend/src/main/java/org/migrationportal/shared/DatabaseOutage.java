package org.migrationportal.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure caused by the database being unreachable (no connection within the pool's timeout,
 * a connection refused or terminated), as opposed to a bug: such failures are answered 503 with Retry-After.
 */
public final class DatabaseOutage {

    private static final Set<String> SPRING_TYPES = Set.of(
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.jdbc.CannotGetJdbcConnectionException",
            "org.hibernate.exception.JDBCConnectionException");

    private DatabaseOutage() {}

    public static boolean isCause(Throwable failure) {
        return isCause(failure, 0);
    }

    private static boolean isCause(Throwable failure, int level) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            // A connection that broke mid-request fails again on rollback; that rollback failure is what propagates.
            if (t instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            if (level < 2) {
                for (Throwable suppressed : t.getSuppressed()) {
                    if (isCause(suppressed, level + 1)) {
                        return true;
                    }
                }
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (SPRING_TYPES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
