package org.certflow.service;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure caused by the database being out of reach (restarted, failed over, the network gone) from a
 * fault of the request or of certflow: the portal answers it with a 503, the job executor tries the job again
 * without counting it against its retries.
 */
public final class DatabaseOutage {

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseOutage() {
    }

    /**
     * Whether the database being out of reach explains the failure: no connection within the pool's wait, a
     * connection refused or broken, or the server shutting down or still recovering (SQL states of class 08 and
     * 57P01 to 57P03), anywhere in the chain of causes. A refused connection of anything else (the SMTP relay)
     * is no database outage: only the JDBC driver's and the pool's exceptions count.
     */
    public static boolean explains(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            // HikariCP's answer on a connection it evicted as broken: what a rollback meets after the server died
            // in the middle of a transaction, and what then replaces the driver's own exception
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
