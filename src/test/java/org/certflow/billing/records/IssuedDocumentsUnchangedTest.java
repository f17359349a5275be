package org.certflow.billing.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Nothing in certflow changes an issued document: no SQL in the main sources sets an invoice's, receipt's or return
 * invoice's PDF, hash, number, amounts, dates or counterparty once written. The only updates of these tables are the
 * day an invoice was paid, and the one issue of a return invoice onto its refund row (only while it has none).
 */
class IssuedDocumentsUnchangedTest {

    private static final Pattern UPDATE = Pattern.compile(
            "update\\s+(invoice|receipt|refund)\\s+set\\s+(.*?)\\s+where\\s+([^\"]*?)(\"\"\"|\")",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Map<String, Set<String>> MAY_SET = Map.of(
            "invoice", Set.of("paid_on"),
            "receipt", Set.of(),
            "refund", Set.of());
    private static final Set<String> RETURN_INVOICE = Set.of("return_invoice_number", "issued_on", "pdf", "pdf_sha256",
            "counterparty");

    @Test
    void noSqlChangesAStoredDocument() throws IOException {
        List<String> updates = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.startsWith(Path.of("src/main/java/db/migration"))).toList()) {
                Matcher update = UPDATE.matcher(Files.readString(source));
                while (update.find()) {
                    String table = update.group(1).toLowerCase(Locale.ROOT);
                    Set<String> columns = columns(update.group(2));
                    String where = update.group(3).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                    updates.add(source.getFileName() + ": " + table + " " + columns);
                    if (table.equals("refund") && columns.equals(RETURN_INVOICE)) {
                        assertThat(where).as(source + ": a return invoice is issued once")
                                .contains("return_invoice_number is null");
                    } else {
                        assertThat(MAY_SET.get(table)).as(source + " updates " + table).containsAll(columns);
                    }
                }
            }
        }
        assertThat(updates).as("the updates this test knows of").containsExactlyInAnyOrder(
                "Invoices.java: invoice [paid_on]",
                "Refunds.java: refund " + columns("return_invoice_number = :number, issued_on = :issuedOn, pdf = :pdf,"
                        + " pdf_sha256 = :sha256, counterparty = :counterparty"));
    }

    private static Set<String> columns(String assignments) {
        return new java.util.TreeSet<>(Arrays.stream(assignments.split(","))
                .map(assignment -> assignment.split("=")[0].strip().toLowerCase(Locale.ROOT)).toList());
    }
}
