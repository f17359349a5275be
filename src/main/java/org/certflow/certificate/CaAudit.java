package org.certflow.certificate;

import java.time.Clock;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log of the CA's signing operations: who, what, when. Rows are only ever added; nothing in certflow
 * updates or deletes them.
 */
@Component
public class CaAudit {

    /** What the CA signed. */
    public enum Operation {
        ISSUE_CERTIFICATE, REVOKE_CERTIFICATE, PUBLISH_CRL
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CaAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Operation operation, String subject, String serial, String actor) {
        jdbc.sql("""
                insert into ca_audit (operation, subject, serial, actor, at)
                values (:operation, :subject, :serial, :actor, :at)
                """)
                .param("operation", operation.name())
                .param("subject", subject)
                .param("serial", serial)
                .param("actor", actor)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }
}
