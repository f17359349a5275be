package org.certflow.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The trace of staff access to applicants' personal data: every view or export by a member of staff adds a row
 * (who, when, what, which application). Rows are only added; nothing here or elsewhere changes or deletes one.
 */
@Component
public class PersonalDataAccess {

    public static final String APPLICATION_VIEW = "申込内容の表示";
    public static final String PAYMENT_VIEW = "申込内容の表示（入金・返金）";
    public static final String REVOCATION_VIEW = "申込内容の表示（失効の承認）";
    public static final String LETTER_REISSUE_VIEW = "申込内容の表示（配布状の再発行）";
    public static final String LICENCE_IMAGE_VIEW = "免許画像の表示";
    public static final String INVOICE_PDF = "請求書PDF";
    public static final String RECEIPT_PDF = "領収書PDF";
    public static final String BANK_TRANSFERS_VIEW = "振込入金の表示（振込依頼人名）";
    public static final String DISCLOSURE_SEARCH = "開示請求の検索結果の表示";
    public static final String DISCLOSURE_EXPORT = "開示データの出力";
    public static final String TAX_RECORD_SEARCH = "税務書類の検索（取引先名）";
    public static final String TAX_RECORD_PDF = "税務書類PDF";
    public static final String TAX_RECORD_EXPORT = "税務書類の一括出力";
    public static final String ERASURE = "削除請求による個人データの削除";

    /** One recorded access; {@code applicationId} and {@code orderNumber} are null when no application is concerned. */
    public record Entry(long id, Instant accessedAt, String staffUser, Long applicationId, String orderNumber,
                       String what) {
    }

    /** One page of the trace, newest first. */
    public record Page(List<Entry> entries, int number, int size, long total) {

        public boolean hasPrevious() {
            return number > 0;
        }

        public boolean hasNext() {
            return (long) (number + 1) * size < total;
        }

        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    static final int MAX_WHAT = 100;
    static final int MAX_USER = 64;

    private final JdbcClient jdbc;
    private final Clock clock;

    public PersonalDataAccess(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records that {@code staffUser} (the Camunda login) saw or exported {@code what} of an application's personal
     * data now. {@code applicationId} may be null for a view that concerns no single application. Callers record
     * once the data are in hand, just before they leave certflow.
     */
    public void record(String staffUser, Long applicationId, String what) {
        Objects.requireNonNull(staffUser, "staffUser");
        Objects.requireNonNull(what, "what");
        jdbc.sql("""
                insert into personal_data_access (accessed_at, staff_user, application_id, order_number, what)
                values (:at, :user, :applicationId,
                        (select order_number from application where id = :applicationId), :what)
                """)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("user", truncate(staffUser, MAX_USER))
                .param("applicationId", applicationId, java.sql.Types.BIGINT)
                .param("what", truncate(what, MAX_WHAT))
                .update();
    }

    /** A page of the trace, newest first, narrowed to an order number and a staff user when they are given. */
    public Page page(String orderNumber, String staffUser, int number, int size) {
        String where = " where (:orderNumber is null or order_number = :orderNumber)"
                + " and (:staffUser is null or staff_user = :staffUser)";
        long total = jdbc.sql("select count(*) from personal_data_access" + where)
                .param("orderNumber", orderNumber, java.sql.Types.VARCHAR)
                .param("staffUser", staffUser, java.sql.Types.VARCHAR)
                .query(Long.class).single();
        List<Entry> entries = jdbc.sql("select * from personal_data_access" + where
                        + " order by accessed_at desc, id desc limit :limit offset :offset")
                .param("orderNumber", orderNumber, java.sql.Types.VARCHAR)
                .param("staffUser", staffUser, java.sql.Types.VARCHAR)
                .param("limit", size)
                .param("offset", (long) number * size)
                .query(PersonalDataAccess::map).list();
        return new Page(entries, number, size, total);
    }

    /** Every access to an application's personal data, oldest first. */
    public List<Entry> about(long applicationId) {
        return jdbc.sql("select * from personal_data_access where application_id = :id order by accessed_at, id")
                .param("id", applicationId)
                .query(PersonalDataAccess::map).list();
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static Entry map(ResultSet rs, int row) throws SQLException {
        Number applicationId = (Number) rs.getObject("application_id");
        return new Entry(rs.getLong("id"), rs.getObject("accessed_at", OffsetDateTime.class).toInstant(),
                rs.getString("staff_user"), applicationId == null ? null : applicationId.longValue(),
                rs.getString("order_number"), rs.getString("what"));
    }
}
