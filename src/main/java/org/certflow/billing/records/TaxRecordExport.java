package org.certflow.billing.records;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.stereotype.Component;

/**
 * A period's tax records as one ZIP, for an inspector: every document issued in the period as its stored PDF, and
 * an index {@value #INDEX} (UTF-8 with BOM, so Excel opens it; Japanese header) listing each document with its
 * SHA-256 and the result of checking it now. Written as it is read, one PDF at a time. A document whose check fails
 * is exported all the same, marked {@value TaxRecords#MISMATCH}.
 */
@Component
public class TaxRecordExport {

    static final String INDEX = "index.csv";
    static final List<String> HEADER = List.of("種別", "番号", "発行日", "取引先", "金額(税込)", "うち消費税", "SHA-256",
            "検証結果", "ファイル名");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final TaxRecords records;

    TaxRecordExport(TaxRecords records) {
        this.records = records;
    }

    /** The ZIP's file name, stating the period. */
    public static String fileName(LocalDate from, LocalDate to) {
        return "電子取引データ_" + from + "_" + to + ".zip";
    }

    /** Writes the ZIP of the documents issued from {@code from} to {@code to}, both inclusive; returns their count. */
    public long write(LocalDate from, LocalDate to, OutputStream out) throws IOException {
        StringBuilder index = new StringBuilder();
        index.append(line(HEADER));
        long[] count = {0};
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        records.forEach(TaxRecordQuery.issuedBetween(from, to), (record, pdf) -> {
            zip.putNextEntry(new ZipEntry(record.fileName()));
            zip.write(pdf);
            zip.closeEntry();
            index.append(line(List.of(record.kind().label(), record.number(), record.issuedOn().toString(),
                    record.counterparty(), Long.toString(record.amount()), Long.toString(record.taxAmount()),
                    record.sha256() == null ? "" : record.sha256(), record.integrityLabel(), record.fileName())));
            count[0]++;
        });
        zip.putNextEntry(new ZipEntry(INDEX));
        zip.write(BOM);
        zip.write(index.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
        return count[0];
    }

    private static String line(List<String> fields) {
        return fields.stream().map(TaxRecordExport::field).collect(Collectors.joining(",")) + "\r\n";
    }

    /**
     * One CSV field (RFC 4180), quoted when needed. Text from applicants that a spreadsheet would run as a formula
     * (starting with =, +, -, @, tab or CR) gets a leading apostrophe, as OWASP advises against CSV injection.
     */
    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
