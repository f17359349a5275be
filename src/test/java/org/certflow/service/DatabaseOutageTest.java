package org.certflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.certflow.mail.MailDeliveryException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What counts as the database being out of reach: it decides between a 503 and a 500 in the portal, and whether a
 * failed job keeps its retries. A relay that refuses connections must stay a failure that uses them up, or an SMTP
 * outage would never become an incident.
 */
class DatabaseOutageTest {

    @Test
    void theServerGoneWhereverItSurfaces() {
        assertThat(DatabaseOutage.explains(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms"))))
                .isTrue();
        // a job's statement on a connection whose server was killed, as the engine reports it
        assertThat(DatabaseOutage.explains(new ProcessEngineException("ENGINE-03083", new PersistenceException(
                new SQLException("terminating connection due to unexpected postmaster exit", "57P01"))))).isTrue();
        assertThat(DatabaseOutage.explains(new SQLException("This connection has been closed.", "08003"))).isTrue();
        // the rollback of a job whose server died meets the pool's evicted connection, and that is what is reported
        assertThat(DatabaseOutage.explains(new ProcessEngineException("An exception occurred in the persistence layer",
                new PersistenceException(new SQLException("Connection is closed"))))).isTrue();
        assertThat(DatabaseOutage.explains(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void notTheRelayNorAnyOtherFault() {
        assertThat(DatabaseOutage.explains(new MailDeliveryException("SMTP server 127.0.0.1:25 did not accept the mail",
                new ConnectException("Connection refused")))).isFalse();
        assertThat(DatabaseOutage.explains(new SQLException("duplicate key value violates unique constraint", "23505")))
                .isFalse();
        assertThat(DatabaseOutage.explains(new IllegalStateException("no"))).isFalse();
    }
}
