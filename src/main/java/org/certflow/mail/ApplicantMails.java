package org.certflow.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.certflow.ServiceProperties;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Invoice;
import org.certflow.billing.Invoices;
import org.certflow.billing.Receipt;
import org.certflow.billing.Receipts;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.RevocationReason;
import org.certflow.portal.OneTimeLinks;
import org.certflow.process.DeadlineProperties;
import org.certflow.process.Deadlines;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes the mails of an application from the templates under {@code mail/} and hands them to the outbox.
 * Each mail is sent once per visit of its task and revision of the application.
 */
@Component
public class ApplicantMails {

    static final String RA_ADMINS = "ra-admins";
    private static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ApplicationRepository applications;
    private final OneTimeLinks links;
    private final Invoices invoices;
    private final Receipts receipts;
    private final CertificateRegistry certificates;
    private final MailOutbox outbox;
    private final ServiceProperties service;
    private final Deadlines deadlines;
    private final DeadlineProperties deadlineProperties;
    private final IdentityService identityService;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TemplateEngine templates;

    public ApplicantMails(ApplicationRepository applications, OneTimeLinks links, Invoices invoices,
                          Receipts receipts, CertificateRegistry certificates, MailOutbox outbox, ServiceProperties service,
                          Deadlines deadlines, DeadlineProperties deadlineProperties,
                          IdentityService identityService, MeterRegistry meters, Clock clock) {
        this.applications = applications;
        this.links = links;
        this.invoices = invoices;
        this.receipts = receipts;
        this.certificates = certificates;
        this.outbox = outbox;
        this.service = service;
        this.deadlines = deadlines;
        this.deadlineProperties = deadlineProperties;
        this.identityService = identityService;
        this.meters = meters;
        this.clock = clock;
        this.templates = textTemplates();
    }

    /**
     * Sends the mail unless it already left for this visit.
     *
     * @param visit the process instance and activity that send it; the revision is added here
     */
    public void send(ApplicantMail mail, long applicationId, String visit) {
        Application application = applications.get(applicationId);
        if (mail == ApplicantMail.CERTIFICATE_ISSUED || mail == ApplicantMail.CERTIFICATE_SUPERSEDED) {
            announceCertificates(mail, application);
            return;
        }
        String key = visit + ":" + application.revision();
        if (mail == ApplicantMail.REVIEW_OVERDUE) {
            for (User admin : raAdmins()) {
                count(mail, outbox.sendOnce(key + ":" + admin.getId(), applicationId,
                        () -> compose(mail, application, admin.getEmail())));
            }
            return;
        }
        count(mail, outbox.sendOnce(key, applicationId, () -> compose(mail, application, application.email())));
    }

    /**
     * One mail per certificate of the application, keyed by its serial number rather than by the visit: a second
     * pickup may interrupt the model before the first one's mail went out, and whichever task runs next announces
     * every certificate not yet announced, each exactly once.
     */
    private void announceCertificates(ApplicantMail mail, Application application) {
        for (IssuedCertificate certificate : certificates.findAll(application.id())) {
            boolean superseded = certificate.revocationReason() != null
                    && certificate.revocationReason() == RevocationReason.SUPERSEDED.code();
            if (mail == ApplicantMail.CERTIFICATE_SUPERSEDED && !superseded) {
                continue;
            }
            String key = "application-" + application.id() + ":certificate-" + certificate.serialNumber() + ":"
                    + mail.name();
            count(mail, outbox.sendOnce(key, application.id(),
                    () -> compose(mail, application, application.email(), certificate)));
        }
    }

    /** Metric {@code certflow.mails.sent}, by mail: what left the outbox now (not the ones skipped as sent). */
    private void count(ApplicantMail mail, boolean sent) {
        if (sent) {
            meters.counter("certflow.mails.sent", "mail", mail.name()).increment();
        }
    }

    OutgoingMail compose(ApplicantMail mail, Application application, String recipient) {
        return compose(mail, application, recipient, null);
    }

    /** @param announced the certificate a mail announces, for the mails about one certificate */
    OutgoingMail compose(ApplicantMail mail, Application application, String recipient,
                         IssuedCertificate announced) {
        Map<String, Object> model = new HashMap<>();
        model.put("serviceName", service.serviceName());
        model.put("issuerName", service.issuerName());
        model.put("application", application);
        model.put("orderNumber", application.orderNumber());
        model.put("qualification", application.qualification().displayName());
        model.put("documentName", application.qualification().documentName());
        model.put("name", application.hasDetails() ? application.fullName() : null);
        List<OutgoingMail.Attachment> attachments = new ArrayList<>();
        switch (mail) {
            case UPLOAD_LINK -> putLink(model, application, OneTimeLinks.Purpose.MAIN_APPLICATION);
            case CORRECTION_REQUEST -> {
                putLink(model, application, OneTimeLinks.Purpose.CORRECTION);
                model.put("comment", application.reviewComment());
            }
            case REJECTION -> model.put("comment", application.reviewComment());
            case INVOICE, PAYMENT_REMINDER -> {
                Invoice invoice = invoices.find(application.id()).orElseThrow(
                        () -> new IllegalStateException("No invoice for " + application.orderNumber()));
                model.put("invoiceNumber", invoice.invoiceNumber());
                model.put("totalAmount", String.format("%,d", invoice.totalAmount()));
                model.put("dueOn", date(invoice.dueOn()));
                if (mail == ApplicantMail.INVOICE) {
                    attachments.add(new OutgoingMail.Attachment("請求書_" + invoice.invoiceNumber() + ".pdf",
                            invoice.pdf(), "application/pdf"));
                }
            }
            case PAYMENT_RECEIVED -> {
                Receipt receipt = receipts.find(application.id()).orElseThrow(
                        () -> new IllegalStateException("No receipt for " + application.orderNumber()));
                model.put("receiptNumber", receipt.receiptNumber());
                model.put("totalAmount", String.format("%,d", receipt.amount()));
                model.put("receivedOn", date(receipt.receivedOn()));
                attachments.add(new OutgoingMail.Attachment("領収書_" + receipt.receiptNumber() + ".pdf",
                        receipt.pdf(), "application/pdf"));
            }
            case PICKUP, PICKUP_REMINDER, PICKUP_SECOND_REMINDER, AUTOMATIC_CANCELLATION -> {
                model.put("pickupUrl", service.url("/pickup"));
                model.put("pickupLabel", application.pickupLabel());
                Instant openedAt = application.approvedAt() == null ? clock.instant() : application.approvedAt();
                model.put("lastDay", date(deadlines.pickupLastDay(openedAt)));
                model.put("windowDays", deadlineProperties.pickupWindow().getDays());
            }
            case EXPIRY_THREE_MONTHS, EXPIRY_ONE_MONTH, EXPIRY_DAY -> {
                IssuedCertificate certificate = certificates.findLatest(application.id()).orElseThrow();
                model.put("notAfter", date(certificate.notAfter()));
                model.put("when", switch (mail) {
                    case EXPIRY_THREE_MONTHS -> "三ヶ月後";
                    case EXPIRY_ONE_MONTH -> "一ヶ月後";
                    default -> "本日";
                });
                model.put("serialNumber", certificate.serialNumber());
            }
            case REVOCATION -> {
                IssuedCertificate certificate = certificates.findLatest(application.id()).orElseThrow();
                model.put("serialNumber", certificate.serialNumber());
                model.put("revokedOn", date(certificate.revokedAt() == null ? clock.instant() : certificate.revokedAt()));
                model.put("reason", certificate.revocationReason() == null ? RevocationReason.UNSPECIFIED.label()
                        : RevocationReason.ofCode(certificate.revocationReason()).label());
            }
            case CERTIFICATE_ISSUED -> {
                model.put("pickupLabel", application.pickupLabel());
                model.put("serialNumber", announced.serialNumber());
                model.put("notBefore", date(announced.notBefore()));
                model.put("notAfter", date(announced.notAfter()));
            }
            case CERTIFICATE_SUPERSEDED -> {
                model.put("serialNumber", announced.serialNumber());
                model.put("revokedOn", date(announced.revokedAt()));
            }
            case REVIEW_OVERDUE -> model.put("reviewOverdueAfter", deadlineProperties.reviewEscalation().toDays());
            default -> {
                // the common model is all these mails need
            }
        }
        Context context = new Context(java.util.Locale.JAPANESE, model);
        String body = templates.process(mail.template(), context) + templates.process("footer", context);
        String subject = mail.subject(service.serviceName(), application.qualification().documentName(),
                application.orderNumber(), application.hasDetails() ? application.pickupLabel() : "");
        return new OutgoingMail(recipient, subject, body, attachments);
    }

    private void putLink(Map<String, Object> model, Application application, OneTimeLinks.Purpose purpose) {
        OneTimeLinks.IssuedLink link = links.create(application.id(), purpose);
        model.put("link", service.url("/link/" + link.token()));
        model.put("linkExpiresAt", link.expiresAt().atZone(deadlineProperties.zone())
                .format(DateTimeFormatter.ofPattern("yyyy年M月d日 H時mm分")));
    }

    private List<User> raAdmins() {
        return identityService.createUserQuery().memberOfGroup(RA_ADMINS).list().stream()
                .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
                .toList();
    }

    private String date(Instant instant) {
        return date(instant.atZone(deadlineProperties.zone()).toLocalDate());
    }

    private static String date(LocalDate date) {
        return date.format(JAPANESE_DATE);
    }

    private static TemplateEngine textTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
