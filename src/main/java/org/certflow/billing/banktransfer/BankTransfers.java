package org.certflow.billing.banktransfer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The transfers imported from the bank's files, each once, and what became of them (table {@code bank_transfer}). */
@Component
class BankTransfers {

    private static final String COLUMNS = """
            t.id, t.bank_code, t.branch_code, t.account_number, t.inquiry_number, t.booked_on, t.amount, t.remitter_code,
            t.remitter_name, t.remitting_bank, t.remitting_branch, t.cancellation, t.edi_info, t.reason,
            s.order_number as suggested, a.order_number as recorded_for, t.recorded_by, t.recorded_at
            from bank_transfer t left join application s on s.id = t.suggested_application_id
            left join application a on a.id = t.application_id
            """;

    private final JdbcClient jdbc;

    BankTransfers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(Transfer transfer) {
        return jdbc.sql("select count(*) from bank_transfer where transfer_key = :key").param("key", transfer.key())
                .query(Long.class).single() > 0;
    }

    /** Stores a transfer not seen before; a second store of the same transfer fails on the key's unique index. */
    long store(Transfer transfer, String reason, Long suggestedApplicationId, String importedBy, Instant importedAt) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into bank_transfer (transfer_key, bank_code, branch_code, account_number, inquiry_number, booked_on,
                    amount, remitter_code, remitter_name, remitting_bank, remitting_branch, cancellation, edi_info,
                    imported_by, imported_at, reason, suggested_application_id)
                values (:key, :bank, :branch, :account, :inquiry, :bookedOn, :amount, :remitterCode, :remitterName,
                    :remittingBank, :remittingBranch, :cancellation, :edi, :importedBy, :importedAt, :reason, :suggested)
                """)
                .param("key", transfer.key())
                .param("bank", transfer.bankCode())
                .param("branch", transfer.branchCode())
                .param("account", transfer.accountNumber())
                .param("inquiry", transfer.inquiryNumber())
                .param("bookedOn", transfer.bookedOn())
                .param("amount", transfer.amount())
                .param("remitterCode", transfer.remitterCode())
                .param("remitterName", transfer.remitterName())
                .param("remittingBank", transfer.remittingBank())
                .param("remittingBranch", transfer.remittingBranch())
                .param("cancellation", transfer.cancellation())
                .param("edi", transfer.ediInfo())
                .param("importedBy", importedBy)
                .param("importedAt", utc(importedAt))
                .param("reason", reason)
                .param("suggested", suggestedApplicationId)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The transfer if nobody has recorded it yet, its row locked until the caller's transaction ends. */
    Optional<StoredTransfer> lockWaiting(long id) {
        jdbc.sql("select id from bank_transfer where id = :id and recorded_at is null for update").param("id", id)
                .query(Long.class).optional();
        return find(id).filter(StoredTransfer::waiting);
    }

    Optional<StoredTransfer> find(long id) {
        return jdbc.sql("select " + COLUMNS + " where t.id = :id").param("id", id).query(BankTransfers::map).optional();
    }

    void markRecorded(long id, long applicationId, String recordedBy, Instant recordedAt) {
        jdbc.sql("""
                update bank_transfer set application_id = :application, recorded_by = :by, recorded_at = :at, reason = null
                where id = :id
                """)
                .param("application", applicationId).param("by", recordedBy).param("at", utc(recordedAt)).param("id", id)
                .update();
    }

    void explain(long id, String reason, Long suggestedApplicationId) {
        jdbc.sql("update bank_transfer set reason = :reason, suggested_application_id = :suggested where id = :id")
                .param("reason", reason).param("suggested", suggestedApplicationId).param("id", id).update();
    }

    /** Transfers that wait for accounting, oldest first. */
    List<StoredTransfer> waiting() {
        return jdbc.sql("select " + COLUMNS + " where t.recorded_at is null order by t.booked_on, t.id")
                .query(BankTransfers::map).list();
    }

    /** The transfers recorded last, newest first. */
    List<StoredTransfer> recentlyRecorded(int limit) {
        return jdbc.sql("select " + COLUMNS + " where t.recorded_at is not null order by t.recorded_at desc, t.id desc"
                        + " fetch first " + limit + " rows only")
                .query(BankTransfers::map).list();
    }

    private static StoredTransfer map(ResultSet rs, int row) throws SQLException {
        Transfer transfer = new Transfer(rs.getString("bank_code"), rs.getString("branch_code"),
                rs.getString("account_number"), rs.getString("inquiry_number"), rs.getObject("booked_on", LocalDate.class),
                rs.getLong("amount"), rs.getString("remitter_code"), rs.getString("remitter_name"),
                rs.getString("remitting_bank"), rs.getString("remitting_branch"), rs.getBoolean("cancellation"),
                rs.getString("edi_info"));
        OffsetDateTime recordedAt = rs.getObject("recorded_at", OffsetDateTime.class);
        return new StoredTransfer(rs.getLong("id"), transfer, rs.getString("reason"), rs.getString("suggested"),
                rs.getString("recorded_for"), rs.getString("recorded_by"),
                recordedAt == null ? null : recordedAt.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
