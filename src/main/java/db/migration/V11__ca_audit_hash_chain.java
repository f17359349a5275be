package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.certflow.certificate.CaAuditEntry;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * {@code ca_audit} becomes a hash chain (see {@link CaAuditEntry}) and gains the revocation's requester and
 * approver. The rows written before are chained here, in their order, so the chain covers the whole log; SQL has
 * no SHA-256 that H2 and PostgreSQL share, hence a Java migration. {@code ca_audit_head} is the one row every
 * writer locks and that names the newest row.
 */
public class V11__ca_audit_hash_chain extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table ca_audit add column requested_by varchar(100)");
            ddl.execute("alter table ca_audit add column approved_by varchar(100)");
            ddl.execute("alter table ca_audit add column hash varchar(64)");
            ddl.execute("""
                    create table ca_audit_head (
                        id        int         primary key,
                        last_id   bigint,
                        last_hash varchar(64) not null
                    )""");
        }
        record Row(long id, String hash) {
        }
        List<Row> chained = new ArrayList<>();
        String previous = CaAuditEntry.GENESIS;
        try (Statement select = connection.createStatement();
             ResultSet rs = select.executeQuery(
                     "select id, operation, subject, serial, actor, at from ca_audit order by id")) {
            while (rs.next()) {
                previous = new CaAuditEntry(rs.getString("operation"), rs.getString("subject"), rs.getString("serial"),
                        rs.getString("actor"), null, null, rs.getObject("at", OffsetDateTime.class).toInstant())
                        .hash(previous);
                chained.add(new Row(rs.getLong("id"), previous));
            }
        }
        try (PreparedStatement update = connection.prepareStatement("update ca_audit set hash = ? where id = ?")) {
            for (Row row : chained) {
                update.setString(1, row.hash());
                update.setLong(2, row.id());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "insert into ca_audit_head (id, last_id, last_hash) values (1, ?, ?)")) {
            if (chained.isEmpty()) {
                head.setNull(1, java.sql.Types.BIGINT);
            } else {
                head.setLong(1, chained.get(chained.size() - 1).id());
            }
            head.setString(2, previous);
            head.executeUpdate();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table ca_audit alter column hash set not null");
        }
    }
}
