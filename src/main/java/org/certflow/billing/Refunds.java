package org.certflow.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.certflow.application.Application;
import org.certflow.documents.ReturnInvoiceDocument;
import org.certflow.documents.ReturnInvoicePdf;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one refund of an application: recorded as accounting entered it, then documented by a qualified return
 * invoice (適格返還請求書) numbered in the {@code RFD-<year>} series and kept unchanged like invoices and receipts.
 */
@Component
public class Refunds {

    private final JdbcClient jdbc;
    private final Invoices invoices;
    private final Payments payments;
    private final ReturnInvoicePdf returnInvoicePdf;
    private final DocumentNumbers numbers;
    private final BillingProperties billing;
    private final DeadlineProperties deadlines;
    private final ServiceProperties service;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    Refunds(JdbcClient jdbc, Invoices invoices, Payments payments, ReturnInvoicePdf returnInvoicePdf,
            DocumentNumbers numbers, BillingProperties billing, DeadlineProperties deadlines,
            ServiceProperties service, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.payments = payments;
        this.returnInvoicePdf = returnInvoicePdf;
        this.numbers = numbers;
        this.billing = billing;
        this.deadlines = deadlines;
        this.service = service;
        this.clock = clock;
        // committed on its own, so the mail that carries the document (sent from its own transaction) finds it
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Yen received for the application and not yet sent back: the most a refund may return. */
    public long refundable(long applicationId) {
        long refunded = find(applicationId).map(Refund::amount).orElse(0);
        return payments.totalReceived(applicationId) - refunded;
    }

    /**
     * Records the refund accounting made, with the consumption tax it contains; in the caller's transaction, so a
     * refused task completion records nothing. The caller has checked the amount against {@link #refundable}.
     */
    public void record(long applicationId, int amount, LocalDate refundedOn, String comment, String recordedBy,
                       Instant recordedAt) {
        jdbc.sql("""
                insert into refund (application_id, amount, tax_amount, refunded_on, comment, recorded_by, recorded_at)
                values (:id, :amount, :tax, :refundedOn, :comment, :recordedBy, :recordedAt)
                """)
                .param("id", applicationId)
                .param("amount", amount)
                .param("tax", taxIn(applicationId, amount))
                .param("refundedOn", refundedOn)
                .param("comment", comment)
                .param("recordedBy", recordedBy)
                .param("recordedAt", OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC))
                .update();
    }

    /**
     * The return invoice of the recorded refund; issued on the first call, the same one on every later call.
     * Committed on its own, so the mail that carries it finds it.
     */
    public Refund issueOnce(Application application) {
        Refund refund = find(application.id()).orElseThrow(() -> new IllegalStateException(
                "No refund recorded for application " + application.id()));
        if (refund.issued()) {
            return refund;
        }
        numbers.ensureSeries(series(today()));
        try {
            return ownTransaction.execute(status -> {
                Refund current = find(application.id()).orElseThrow();
                return current.issued() ? current : issue(application, current);
            });
        } catch (DuplicateKeyException issuedMeanwhile) {
            // the other run's document stands, and this run's number was rolled back
            return find(application.id()).filter(Refund::issued).orElseThrow(() -> issuedMeanwhile);
        }
    }

    public Optional<Refund> find(long applicationId) {
        return jdbc.sql("""
                select application_id, amount, tax_amount, refunded_on, comment, recorded_by, recorded_at,
                       return_invoice_number, issued_on, pdf
                from refund where application_id = :id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new Refund(rs.getLong(1), rs.getInt(2), rs.getInt(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8),
                        rs.getObject(9, LocalDate.class), rs.getBytes(10)))
                .optional();
    }

    private Refund issue(Application application, Refund refund) {
        Invoice invoice = invoices.find(application.id())
                .orElseThrow(() -> new IllegalStateException("No invoice for application " + application.id()));
        LocalDate issuedOn = today();
        String series = series(issuedOn);
        String number = series + "-" + String.format("%06d", numbers.next(series));
        byte[] pdf = returnInvoicePdf.render(new ReturnInvoiceDocument(service.serviceName(), service.issuerName(),
                billing.issuerAddress(), billing.registrationNumber(), number, issuedOn, refund.refundedOn(),
                invoice.invoiceNumber(), invoice.issuedOn(), application.fullName(), application.orderNumber(),
                Invoices.description(application), refund.amount() - refund.taxAmount(), billing.taxRatePercent(),
                refund.taxAmount(), refund.amount()));
        jdbc.sql("""
                update refund set return_invoice_number = :number, issued_on = :issuedOn, pdf = :pdf,
                                  pdf_sha256 = :sha256, counterparty = :counterparty
                where application_id = :id and return_invoice_number is null
                """)
                .param("number", number)
                .param("issuedOn", issuedOn)
                .param("pdf", pdf)
                .param("sha256", DocumentHash.sha256(pdf))
                .param("counterparty", application.fullName())
                .param("id", application.id())
                .update();
        return new Refund(refund.applicationId(), refund.amount(), refund.taxAmount(), refund.refundedOn(),
                refund.comment(), refund.recordedBy(), refund.recordedAt(), number, issuedOn, pdf);
    }

    /**
     * The tax within a tax-inclusive amount: the invoice's own tax when everything goes back, else the amount's
     * share at the invoice's rate, rounded by the chamber's rule.
     */
    private int taxIn(long applicationId, int amount) {
        Optional<Invoice> invoice = invoices.find(applicationId);
        if (invoice.isPresent() && invoice.get().totalAmount() == amount) {
            return invoice.get().taxAmount();
        }
        return TaxCalculation.consumptionTaxIncluded(amount, billing.taxRatePercent(), billing.taxRounding());
    }

    private LocalDate today() {
        return clock.instant().atZone(deadlines.zone()).toLocalDate();
    }

    private static String series(LocalDate issuedOn) {
        return "RFD-" + issuedOn.getYear();
    }
}
