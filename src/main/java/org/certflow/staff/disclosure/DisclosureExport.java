package org.certflow.staff.disclosure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.EmailAddresses;
import org.certflow.billing.Invoices;
import org.certflow.billing.Receipts;
import org.certflow.billing.Refunds;
import org.certflow.privacy.PersonalDataAccess;
import org.certflow.privacy.PrivacyConsents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What certflow holds about an applicant (開示請求), as one ZIP: {@code applicant.json} with every record about their
 * applications, and the files (licence image, invoice, receipt, return invoice, certificates as PEM). Records are
 * read with all their columns, so a column added later is disclosed without a change here; secrets are left out
 * (hashes of passwords and links, tokens, keys, nonces) and so is binary content, which goes out as a file. The
 * export is recorded in the access trace before it is built, so the trace it holds names the export itself.
 */
@Component
public class DisclosureExport {

    /** A column is left out when one of the words of its name says it is a secret or a key. */
    private static final Set<String> SECRET_WORDS = Set.of("hash", "token", "password", "secret", "nonce", "iv",
            "salt", "key", "pin");

    /** The records about an application: a name in the JSON, the table, and the columns that name the application. */
    private record Records(String name, String table, List<String> applicationColumns) {
    }

    private static final List<Records> RECORDS = List.of(
            new Records("licenceImage", "licence_image", List.of("application_id")),
            new Records("licenceImageDisposals", "licence_image_disposal", List.of("application_id")),
            new Records("oneTimeLinks", "one_time_link", List.of("application_id")),
            new Records("invoices", "invoice", List.of("application_id")),
            new Records("payments", "payment", List.of("application_id")),
            new Records("receipts", "receipt", List.of("application_id")),
            new Records("refunds", "refund", List.of("application_id")),
            new Records("bankTransfers", "bank_transfer", List.of("application_id")),
            new Records("eligibilityChecks", "eligibility_check", List.of("application_id")),
            new Records("reviewRecords", "review_record", List.of("application_id")),
            new Records("issuedCertificates", "issued_certificate", List.of("application_id")),
            new Records("revocationRequests", "revocation_request", List.of("application_id")),
            new Records("letterReissues", "letter_reissue", List.of("application_id")),
            new Records("renewals", "renewal", List.of("application_id", "previous_application_id")),
            new Records("renewalLinks", "renewal_link", List.of("application_id")),
            new Records("mails", "mail_log", List.of("application_id")),
            new Records("licenceImageViews", "licence_image_view", List.of("application_id")),
            new Records("personalDataAccess", "personal_data_access", List.of("application_id")));

    private final JdbcClient jdbc;
    private final ApplicationRepository applications;
    private final Invoices invoices;
    private final Receipts receipts;
    private final Refunds refunds;
    private final PrivacyConsents consents;
    private final PersonalDataAccess accessTrace;
    private final ObjectMapper json;
    private final Clock clock;

    DisclosureExport(JdbcClient jdbc, ApplicationRepository applications, Invoices invoices, Receipts receipts,
                     Refunds refunds, PrivacyConsents consents, PersonalDataAccess accessTrace, ObjectMapper json,
                     Clock clock) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.invoices = invoices;
        this.receipts = receipts;
        this.refunds = refunds;
        this.consents = consents;
        this.accessTrace = accessTrace;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.clock = clock;
    }

    /** Every application made with this mail address (as the portal stores it: normalised), oldest first. */
    public List<Application> byEmail(String email) {
        return jdbc.sql("select id from application where email = :email order by id")
                .param("email", EmailAddresses.normalize(email))
                .query(Long.class).list().stream().map(applications::get).toList();
    }

    /** The applications found, as the ZIP the applicant receives; recorded in the access trace as an export. */
    public byte[] zip(List<Application> found, String staffUser, String query) {
        for (Application application : found) {
            accessTrace.record(staffUser, application.id(), PersonalDataAccess.DISCLOSURE_EXPORT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            List<Map<String, Object>> disclosed = new ArrayList<>();
            for (Application application : found) {
                disclosed.add(disclose(application, zip));
            }
            Map<String, Object> applicant = new LinkedHashMap<>();
            applicant.put("exportedAt", clock.instant().toString());
            applicant.put("exportedBy", staffUser);
            applicant.put("query", query);
            applicant.put("applications", disclosed);
            zip.putNextEntry(new ZipEntry("applicant.json"));
            zip.write(json.writeValueAsBytes(applicant));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Map<String, Object> disclose(Application application, ZipOutputStream zip) throws IOException {
        long id = application.id();
        String folder = application.orderNumber() + "/";
        Map<String, Object> disclosed = new LinkedHashMap<>();
        disclosed.put("application", rows("application", List.of("id"), id).get(0));
        disclosed.put("consents", consents.of(id));
        for (Records records : RECORDS) {
            disclosed.put(records.name(), rows(records.table(), records.applicationColumns(), id));
        }
        List<String> files = new ArrayList<>();
        applications.findLicenceImage(id).ifPresent(image -> files.add(write(zip,
                folder + "licence-image." + (image.contentType().endsWith("png") ? "png" : "jpg"), image.content())));
        invoices.find(id).ifPresent(invoice -> files.add(write(zip,
                folder + "invoice_" + invoice.invoiceNumber() + ".pdf", invoice.pdf())));
        receipts.find(id).ifPresent(receipt -> files.add(write(zip,
                folder + "receipt_" + receipt.receiptNumber() + ".pdf", receipt.pdf())));
        refunds.find(id).filter(refund -> refund.issued() && refund.pdf() != null).ifPresent(refund -> files.add(
                write(zip, folder + "return-invoice_" + refund.returnInvoiceNumber() + ".pdf", refund.pdf())));
        jdbc.sql("select serial_number, certificate_der from issued_certificate where application_id = :id order by id")
                .param("id", id)
                .query((rs, n) -> files.add(write(zip, folder + "certificate_" + rs.getString(1) + ".pem",
                        pem(rs.getBytes(2)))))
                .list();
        disclosed.put("files", files);
        return disclosed;
    }

    private List<Map<String, Object>> rows(String table, List<String> applicationColumns, long applicationId) {
        String where = String.join(" or ", applicationColumns.stream().map(column -> column + " = :id").toList());
        return jdbc.sql("select * from " + table + " where " + where + " order by 1")
                .param("id", applicationId)
                .query().listOfRows().stream().map(DisclosureExport::disclosable).toList();
    }

    /** The row without secrets and binary content, its values as text a reader understands (times in UTC). */
    private static Map<String, Object> disclosable(Map<String, Object> row) {
        Map<String, Object> disclosed = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            String name = column.toLowerCase(Locale.ROOT);
            if (isSecret(name) || value instanceof byte[] || value instanceof java.sql.Blob) {
                return;
            }
            disclosed.put(name, readable(value));
        });
        return disclosed;
    }

    static boolean isSecret(String column) {
        for (String word : column.split("_")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Object readable(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant().toString();
        }
        if (value instanceof LocalDateTime time) {
            return time.atOffset(ZoneOffset.UTC).toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value;
    }

    private static String write(ZipOutputStream zip, String name, byte[] content) {
        try {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    private static byte[] pem(byte[] der) {
        return ("-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
