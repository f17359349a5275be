package org.certflow.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.certflow.application.Application;
import org.certflow.documents.ReceiptDocument;
import org.certflow.documents.ReceiptPdf;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Issues the one receipt of a paid application and keeps it unchanged. */
@Component
public class Receipts {

    private final JdbcClient jdbc;
    private final Invoices invoices;
    private final ReceiptPdf receiptPdf;
    private final DocumentNumbers numbers;
    private final BillingProperties billing;
    private final DeadlineProperties deadlines;
    private final ServiceProperties service;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    Receipts(JdbcClient jdbc, Invoices invoices, ReceiptPdf receiptPdf, DocumentNumbers numbers,
             BillingProperties billing, DeadlineProperties deadlines, ServiceProperties service, Clock clock,
             PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.receiptPdf = receiptPdf;
        this.numbers = numbers;
        this.billing = billing;
        this.deadlines = deadlines;
        this.service = service;
        this.clock = clock;
        // committed on its own, so the mail that carries the document (sent from its own transaction) finds it
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The receipt for the application's invoice, paid in full on {@code receivedOn}; issued on the first call,
     * the same one on every later call. Committed on its own, so the mail that carries it finds it.
     */
    /**
     * The receipt of an invoice paid in full, on the day accounting recorded; an unpaid invoice gets none (a
     * process moved past its payment by hand stops here as an incident).
     */
    public Receipt issueOnce(Application application) {
        Optional<Receipt> issued = find(application.id());
        if (issued.isPresent()) {
            return issued.get();
        }
        LocalDate receivedOn = invoices.paidOn(application.id()).orElseThrow(() -> new IllegalStateException(
                "No receipt for application " + application.id() + ": its invoice is not paid in full"));
        numbers.ensureSeries("RCP-" + clock.instant().atZone(deadlines.zone()).getYear());
        try {
            return ownTransaction.execute(status -> find(application.id())
                    .orElseGet(() -> issue(application, receivedOn)));
        } catch (DuplicateKeyException issuedMeanwhile) {
            // as for invoices: the other run's receipt stands, and this run's number was rolled back
            return find(application.id()).orElseThrow(() -> issuedMeanwhile);
        }
    }

    public Optional<Receipt> find(long applicationId) {
        return jdbc.sql("""
                select application_id, receipt_number, amount, tax_amount, received_on, issued_on, pdf
                from receipt where application_id = :id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new Receipt(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getBytes(7)))
                .optional();
    }

    private Receipt issue(Application application, LocalDate receivedOn) {
        Invoice invoice = invoices.find(application.id())
                .orElseThrow(() -> new IllegalStateException("No invoice for application " + application.id()));
        LocalDate issuedOn = clock.instant().atZone(deadlines.zone()).toLocalDate();
        String series = "RCP-" + issuedOn.getYear();
        String number = series + "-" + String.format("%06d", numbers.next(series));
        byte[] pdf = receiptPdf.render(new ReceiptDocument(service.serviceName(), service.issuerName(),
                billing.issuerAddress(), billing.registrationNumber(), number, invoice.invoiceNumber(), issuedOn,
                receivedOn, application.fullName(), application.orderNumber(), Invoices.description(application),
                invoice.netAmount(), billing.taxRatePercent(), invoice.taxAmount(), invoice.totalAmount()));
        jdbc.sql("""
                insert into receipt (application_id, receipt_number, amount, tax_amount, received_on, issued_on, pdf,
                                     pdf_sha256, counterparty, created_at)
                values (:id, :number, :amount, :tax, :receivedOn, :issuedOn, :pdf, :sha256, :counterparty, :now)
                """)
                .param("id", application.id())
                .param("number", number)
                .param("amount", invoice.totalAmount())
                .param("tax", invoice.taxAmount())
                .param("receivedOn", receivedOn)
                .param("issuedOn", issuedOn)
                .param("pdf", pdf)
                .param("sha256", DocumentHash.sha256(pdf))
                .param("counterparty", application.fullName())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return new Receipt(application.id(), number, invoice.totalAmount(), invoice.taxAmount(), receivedOn,
                issuedOn, pdf);
    }
}
