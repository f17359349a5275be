package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.certflow.billing.DocumentHash;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Invoices, receipts and return invoices are kept as tax records (電子帳簿保存法, 電子取引データの保存): each gains
 * the SHA-256 of its PDF and its counterparty (the name printed after 「様」) in a column of its own, so the record
 * keeps it when the application's personal data are reduced. Documents issued before are hashed here, one PDF at a
 * time (SQL has no SHA-256 that H2 and PostgreSQL share, hence a Java migration), and take their counterparty from
 * the application, whose name the PDF printed. Issue dates get an index for the search by period.
 */
public class V24__tax_record_hash_and_counterparty extends BaseJavaMigration {

    private static final String[] TABLES = {"invoice", "receipt", "refund"};

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            for (String table : TABLES) {
                ddl.execute("alter table " + table + " add column pdf_sha256 varchar(64)");
                ddl.execute("alter table " + table + " add column counterparty varchar(201)");
            }
        }
        for (String table : TABLES) {
            hashPdfs(connection, table);
            try (Statement backfill = connection.createStatement()) {
                backfill.executeUpdate("update " + table + " set counterparty = (select a.family_name || ' ' || a.first_name"
                        + " from application a where a.id = " + table + ".application_id) where pdf is not null");
            }
        }
        try (Statement ddl = connection.createStatement()) {
            for (String table : new String[] {"invoice", "receipt"}) {
                ddl.execute("alter table " + table + " alter column pdf_sha256 set not null");
                ddl.execute("alter table " + table + " alter column counterparty set not null");
            }
            // a return invoice is issued whole: number, date, PDF, hash and counterparty, or none of them yet
            ddl.execute("""
                    alter table refund add constraint refund_issued_whole check (
                        (return_invoice_number is null and issued_on is null and pdf is null and pdf_sha256 is null
                         and counterparty is null)
                        or (return_invoice_number is not null and issued_on is not null and pdf is not null
                            and pdf_sha256 is not null and counterparty is not null))""");
            for (String table : TABLES) {
                ddl.execute("create index " + table + "_by_issued_on on " + table + " (issued_on)");
            }
        }
    }

    /** One PDF in memory at a time: a database of years of documents does not fit at once. */
    private static void hashPdfs(Connection connection, String table) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement select = connection.createStatement();
             ResultSet rs = select.executeQuery("select id from " + table + " where pdf is not null order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        try (PreparedStatement read = connection.prepareStatement("select pdf from " + table + " where id = ?");
             PreparedStatement update = connection.prepareStatement(
                     "update " + table + " set pdf_sha256 = ? where id = ?")) {
            for (long id : ids) {
                read.setLong(1, id);
                byte[] pdf;
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    pdf = rs.getBytes(1);
                }
                update.setString(1, DocumentHash.sha256(pdf));
                update.setLong(2, id);
                update.executeUpdate();
            }
        }
    }
}
