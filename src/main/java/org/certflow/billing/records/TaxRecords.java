package org.certflow.billing.records;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.certflow.billing.DocumentHash;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The issued invoices, receipts and return invoices as tax records: found by kind, issue date, amount and
 * counterparty, each with the check that its stored PDF still has the SHA-256 stored when it was issued. Read only:
 * nothing here (nor anywhere in certflow) changes a stored document.
 */
@Component
public class TaxRecords {

    public static final String INTACT = "改ざんなし";
    public static final String MISMATCH = "不一致";

    private final JdbcClient jdbc;

    TaxRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the documents the query finds, in order of issue date, kind and number. */
    public Page search(TaxRecordQuery query, int page, int pageSize) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        long total = jdbc.sql("select count(*) from (" + union(query.kinds(), false) + ") d" + where)
                .params(params).query(Long.class).single();
        int lastPage = (int) Math.max(1, (total + pageSize - 1) / pageSize);
        int shown = Math.min(Math.max(page, 1), lastPage);
        params.put("limit", pageSize);
        params.put("offset", (long) (shown - 1) * pageSize);
        List<TaxRecord> records = jdbc.sql("select * from (" + union(query.kinds(), true) + ") d" + where
                        + " order by d.issued_on, d.kind, d.number limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> listed(rs).withPdf(rs.getBytes("pdf")))
                .list();
        return new Page(records, total, shown, pageSize);
    }

    /** The stored PDF of one document, exactly as it was issued (or as it now is, when its check fails). */
    public Optional<Document> find(DocumentKind kind, String number) {
        return jdbc.sql("select * from (" + union(Set.of(kind), true) + ") d where d.number = :number")
                .param("number", number)
                .query((rs, n) -> {
                    byte[] pdf = rs.getBytes("pdf");
                    return new Document(listed(rs).withPdf(pdf), pdf);
                })
                .optional();
    }

    /**
     * Hands every document the query finds to {@code each}, with its PDF, in order of issue date, kind and number;
     * one PDF is in memory at a time, so a year of documents streams.
     */
    public void forEach(TaxRecordQuery query, DocumentConsumer each) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, params);
        List<Listed> listed = jdbc.sql("select * from (" + union(query.kinds(), false) + ") d" + where
                        + " order by d.issued_on, d.kind, d.number")
                .params(params).query((rs, n) -> listed(rs)).list();
        for (Listed document : listed) {
            byte[] pdf = jdbc.sql("select pdf from " + document.kind().table + " where "
                            + document.kind().numberColumn + " = :number")
                    .param("number", document.number()).query(byte[].class).single();
            each.accept(document.withPdf(pdf), pdf);
        }
    }

    /** Receives one document and its stored PDF. */
    @FunctionalInterface
    public interface DocumentConsumer {
        void accept(TaxRecord record, byte[] pdf) throws IOException;
    }

    public record Document(TaxRecord record, byte[] pdf) {
    }

    /**
     * @param page the page shown, from 1
     */
    public record Page(List<TaxRecord> records, long total, int page, int pageSize) {

        public long firstRow() {
            return records.isEmpty() ? 0 : (long) (page - 1) * pageSize + 1;
        }

        public long lastRow() {
            return records.isEmpty() ? 0 : firstRow() + records.size() - 1;
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return (long) page * pageSize < total;
        }
    }

    private static String union(Set<DocumentKind> kinds, boolean withPdf) {
        Set<DocumentKind> included = kinds == null || kinds.isEmpty() ? EnumSet.allOf(DocumentKind.class)
                : EnumSet.copyOf(kinds);
        return included.stream().map(kind -> "select '" + kind.name() + "' as kind, " + kind.numberColumn
                        + " as number, issued_on, counterparty, " + kind.amountColumn + " as amount, tax_amount, pdf_sha256"
                        + (withPdf ? ", pdf" : "") + " from " + kind.table + " where " + kind.issued)
                .collect(Collectors.joining(" union all "));
    }

    private static String where(TaxRecordQuery query, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (query.issuedFrom() != null) {
            conditions.add("d.issued_on >= :issuedFrom");
            params.put("issuedFrom", query.issuedFrom());
        }
        if (query.issuedTo() != null) {
            conditions.add("d.issued_on <= :issuedTo");
            params.put("issuedTo", query.issuedTo());
        }
        if (query.amountFrom() != null) {
            conditions.add("d.amount >= :amountFrom");
            params.put("amountFrom", query.amountFrom());
        }
        if (query.amountTo() != null) {
            conditions.add("d.amount <= :amountTo");
            params.put("amountTo", query.amountTo());
        }
        if (query.counterparty() != null && !query.counterparty().isBlank()) {
            conditions.add("lower(d.counterparty) like :counterparty escape '\\'");
            params.put("counterparty", "%" + likeLiteral(query.counterparty().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The text matched as it is: {@code %}, {@code _} and the escape character lose their meaning in LIKE. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Listed listed(ResultSet rs) throws SQLException {
        return new Listed(DocumentKind.valueOf(rs.getString("kind").strip()), rs.getString("number"),
                rs.getObject("issued_on", LocalDate.class), rs.getString("counterparty"), rs.getLong("amount"),
                rs.getLong("tax_amount"), rs.getString("pdf_sha256"));
    }

    private record Listed(DocumentKind kind, String number, LocalDate issuedOn, String counterparty, long amount,
                          long taxAmount, String sha256) {

        TaxRecord withPdf(byte[] pdf) {
            boolean intact = sha256 != null && pdf != null && DocumentHash.sha256(pdf).equals(sha256);
            return new TaxRecord(kind, number, issuedOn, counterparty, amount, taxAmount, sha256, intact);
        }
    }
}
