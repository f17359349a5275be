package org.certflow.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tax records of an application (invoice, receipt, return invoice with its refund, payments, the bank transfers
 * matched to it) and their statutory retention: each document is kept for {@code certflow.retention.tax-records}
 * counted from the day after the corporate-tax filing deadline of the business year it was issued in
 * (法人税法・電子帳簿保存法: 確定申告期限の翌日から7年). They are deleted only when every one of them has passed its end;
 * an earlier request is refused with the reason, and deletes nothing. Other code (a deletion on request) asks
 * {@link #disposableFrom} or {@link #retained} whether and when deletion is allowed.
 */
@Component
public class TaxRecordDisposal {

    private static final DateTimeFormatter JAPANESE_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    /** One kept record: what the applicant or the tax office would call it, the day it was issued, its last day. */
    public record RetainedRecord(String kind, LocalDate issuedOn, LocalDate retainedUntil) {
    }

    private final JdbcClient jdbc;
    private final RetentionProperties properties;

    public TaxRecordDisposal(JdbcClient jdbc, RetentionProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Every tax record the application still has, with its last day of retention. */
    public List<RetainedRecord> retained(long applicationId) {
        List<RetainedRecord> records = new ArrayList<>();
        add(records, "請求書", "select issued_on from invoice where application_id = :id", applicationId);
        add(records, "領収書", "select issued_on from receipt where application_id = :id", applicationId);
        add(records, "返還インボイス", "select coalesce(issued_on, refunded_on) from refund where application_id = :id",
                applicationId);
        add(records, "入金記録", "select received_on from payment where application_id = :id", applicationId);
        add(records, "振込入金の記録", "select booked_on from bank_transfer where application_id = :id", applicationId);
        return records;
    }

    /** The first moment (start of the day, in the zone of the settings) at which all of them may be deleted. */
    public Optional<Instant> disposableFrom(long applicationId) {
        return latest(retained(applicationId))
                .map(last -> last.retainedUntil().plusDays(1).atStartOfDay(properties.zone()).toInstant());
    }

    /**
     * The last day a document issued on that day is kept: the business year it falls in ends on the next
     * {@code business-year-end}, the return is due {@code filing-period} later, the period runs from the day after.
     */
    public LocalDate retainedUntil(LocalDate issuedOn) {
        MonthDay yearEnd = properties.businessYearEnd();
        LocalDate businessYearEnd = yearEnd.atYear(issuedOn.getYear());
        if (businessYearEnd.isBefore(issuedOn)) {
            businessYearEnd = yearEnd.atYear(issuedOn.getYear() + 1);
        }
        LocalDate filingDeadline = endOfMonthAware(businessYearEnd, properties);
        return filingDeadline.plusDays(1).plus(properties.taxRecords()).minusDays(1);
    }

    /**
     * Deletes the application's tax records, all of them at once, when every retention period has ended on
     * {@code today}; otherwise refuses with the record whose period lasts longest, and deletes nothing.
     */
    @Transactional
    public void dispose(long applicationId, LocalDate today) {
        List<RetainedRecord> records = retained(applicationId);
        Optional<RetainedRecord> last = latest(records);
        if (last.isEmpty()) {
            return;
        }
        if (!last.get().retainedUntil().isBefore(today)) {
            throw new RetentionRefusal(last.get().kind() + "の保存期間（" + JAPANESE_DAY.format(last.get().retainedUntil())
                    + "まで）が終わっていないため削除できません");
        }
        jdbc.sql("update bank_transfer set suggested_application_id = null where suggested_application_id = :id")
                .param("id", applicationId).update();
        for (String table : List.of("bank_transfer", "payment", "refund", "receipt", "invoice")) {
            jdbc.sql("delete from " + table + " where application_id = :id").param("id", applicationId).update();
        }
    }

    private void add(List<RetainedRecord> records, String kind, String sql, long applicationId) {
        jdbc.sql(sql).param("id", applicationId).query(LocalDate.class).list().stream()
                .filter(day -> day != null)
                .forEach(day -> records.add(new RetainedRecord(kind, day, retainedUntil(day))));
    }

    private static Optional<RetainedRecord> latest(List<RetainedRecord> records) {
        return records.stream().max(Comparator.comparing(RetainedRecord::retainedUntil));
    }

    /** Two months after 31 March is 31 May; after the last day of a month, the filing deadline is a month's last day. */
    private static LocalDate endOfMonthAware(LocalDate businessYearEnd, RetentionProperties properties) {
        LocalDate deadline = businessYearEnd.plus(properties.filingPeriod());
        if (businessYearEnd.getDayOfMonth() == businessYearEnd.lengthOfMonth()) {
            return deadline.withDayOfMonth(deadline.lengthOfMonth());
        }
        return deadline;
    }
}
