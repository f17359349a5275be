package org.certflow.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.certflow.application.Application;
import org.certflow.application.Qualification;
import org.certflow.documents.InvoiceDocument;
import org.certflow.documents.InvoicePdf;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Issues the one invoice of an application and keeps it unchanged. */
@Component
public class Invoices {

    private final JdbcClient jdbc;
    private final InvoicePdf invoicePdf;
    private final BillingProperties billing;
    private final FeeQuotes fees;
    private final DocumentNumbers numbers;
    private final DeadlineProperties deadlines;
    private final String serviceName;
    private final String issuerName;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    Invoices(JdbcClient jdbc, InvoicePdf invoicePdf, BillingProperties billing, FeeQuotes fees,
             DocumentNumbers numbers, DeadlineProperties deadlines, ServiceProperties service, Clock clock,
             PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.invoicePdf = invoicePdf;
        this.billing = billing;
        this.fees = fees;
        this.numbers = numbers;
        this.deadlines = deadlines;
        this.serviceName = service.serviceName();
        this.issuerName = service.issuerName();
        this.clock = clock;
        // committed on its own, so the mail that carries the document (sent from its own transaction) finds it
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The application's invoice; issued on the first call, the same one on every later call. Committed on
     * its own, so the mail that carries it (sent from its own transaction) finds it. Its number is the next
     * of the year's series, taken in this transaction: a failed issue gives the number back.
     */
    public Invoice issueOnce(Application application) {
        return issueOnce(application, application.qualification());
    }

    /** The application's invoice at this fee category of the fee table; see {@link #issueOnce(Application)}. */
    public Invoice issueOnce(Application application, Qualification feeCategory) {
        Optional<Invoice> issued = find(application.id());
        if (issued.isPresent()) {
            return issued.get();
        }
        numbers.ensureSeries("INV-" + today().getYear());
        try {
            return ownTransaction.execute(status -> find(application.id()).orElseGet(() -> issue(application, feeCategory)));
        } catch (DuplicateKeyException issuedMeanwhile) {
            // a second run of the same job (its lock expired while the first still ran) lost the race; the number it
            // took was rolled back with it, so the series stays gapless
            return find(application.id()).orElseThrow(() -> issuedMeanwhile);
        }
    }

    public Optional<Invoice> find(long applicationId) {
        return jdbc.sql("""
                select application_id, invoice_number, net_amount, tax_amount, total_amount, issued_on, due_on, pdf
                from invoice where application_id = :id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new Invoice(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getBytes(8)))
                .optional();
    }

    /** Whether the application's invoice was paid in full, as accounting confirmed it. */
    public boolean isPaid(long applicationId) {
        return paidOn(applicationId).isPresent();
    }

    /** The day the invoice was paid in full, as accounting recorded it. */
    public Optional<LocalDate> paidOn(long applicationId) {
        return jdbc.sql("select paid_on from invoice where application_id = :id and paid_on is not null")
                .param("id", applicationId).query(LocalDate.class).optional();
    }

    public void markPaid(long applicationId, LocalDate paidOn) {
        jdbc.sql("update invoice set paid_on = :paidOn where application_id = :id")
                .param("paidOn", paidOn)
                .param("id", applicationId)
                .update();
    }

    private Invoice issue(Application application, Qualification feeCategory) {
        FeeQuote quote = fees.quote(application, feeCategory);
        int net = quote.netAmount();
        int tax = quote.taxAmount();
        LocalDate issuedOn = today();
        LocalDate dueOn = issuedOn.plus(billing.paymentTerm());
        String series = "INV-" + issuedOn.getYear();
        String number = series + "-" + String.format("%06d", numbers.next(series));
        String description = quote.description();
        byte[] pdf = invoicePdf.render(new InvoiceDocument(serviceName, issuerName, billing.issuerAddress(),
                billing.registrationNumber(), number, issuedOn, dueOn, application.fullName(),
                application.details().address(), application.orderNumber(), description, net,
                quote.taxRatePercent(), tax, quote.totalAmount(), billing.bankAccount()));
        jdbc.sql("""
                insert into invoice (application_id, invoice_number, net_amount, tax_amount, total_amount,
                                     issued_on, due_on, pdf, pdf_sha256, counterparty, created_at)
                values (:id, :number, :net, :tax, :total, :issuedOn, :dueOn, :pdf, :sha256, :counterparty, :now)
                """)
                .param("id", application.id())
                .param("number", number)
                .param("net", net)
                .param("tax", tax)
                .param("total", quote.totalAmount())
                .param("issuedOn", issuedOn)
                .param("dueOn", dueOn)
                .param("pdf", pdf)
                .param("sha256", DocumentHash.sha256(pdf))
                .param("counterparty", application.fullName())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return new Invoice(application.id(), number, net, tax, quote.totalAmount(), issuedOn, dueOn, pdf);
    }

    /** What the fee is for, as invoice and receipt print it. */
    static String description(Application application) {
        return "電子証明書発行手数料（" + application.qualification().displayName() + "・"
                + application.validityYears() + "年" + (application.chamberMember() ? "・会員" : "") + "）";
    }

    private LocalDate today() {
        return clock.instant().atZone(deadlines.zone()).toLocalDate();
    }
}
