package org.certflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.certflow.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** An audit log written before the hash chain existed is chained by the migration, in its order. */
class CaAuditMigrationTest {

    @Test
    void rowsWrittenBeforeTheChainAreChainedByTheMigration() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                TestDatabase.freshDatabaseUrl("ca-audit-migration"), TestDatabase.username(), "");
        Flyway.configure().dataSource(dataSource).target("8").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (String operation : new String[] {"ISSUE_CERTIFICATE", "PUBLISH_CRL", "REVOKE_CERTIFICATE"}) {
            jdbc.sql("insert into ca_audit (operation, subject, serial, actor, at) values (:op, 'CN=A', '1f', 'x', :at)")
                    .param("op", operation).param("at", OffsetDateTime.now(ZoneOffset.UTC)).update();
        }

        Flyway.configure().dataSource(dataSource).load().migrate();

        CaAuditChain.Result result = new CaAuditChain(dataSource).verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.rows()).isEqualTo(3);
        jdbc.sql("update ca_audit set serial = '2f' where operation = 'PUBLISH_CRL'").update();
        assertThat(new CaAuditChain(dataSource).verify().intact()).isFalse();
    }
}
