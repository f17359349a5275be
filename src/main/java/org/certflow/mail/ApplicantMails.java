package org.certflow.mail;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.certflow.application.ApplicantTerms;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes the mails of an application from the templates under {@code mail/} and hands them to the outbox: the
 * part every mail has here, the rest from the feature the mail belongs to ({@link ApplicantMailContent}).
 */
@Component
public class ApplicantMails {

    private final Map<String, Written<?>> mails = new HashMap<>();
    private final ApplicationRepository applications;
    private final MailOutbox outbox;
    private final ServiceProperties service;
    private final DeadlineProperties deadlines;
    private final ApplicantTerms terms;
    private final MeterRegistry meters;
    private final ITemplateEngine templates;
    /** Where the footer sends applicants to trust certflow's root; none with a bought mail-signing certificate. */
    private final String rootTrustUrl;

    public ApplicantMails(List<ApplicantMailContent<?>> contents, ApplicationRepository applications,
                          MailOutbox outbox, ServiceProperties service, DeadlineProperties deadlines,
                          ApplicantTerms terms, MeterRegistry meters, ITemplateEngine templates,
                          MailSigningProperties mailSigning) {
        this.rootTrustUrl = mailSigning.purchased() ? null : service.baseUrl() + "/pickup/install#root-heading";
        contents.forEach(this::register);
        this.applications = applications;
        this.outbox = outbox;
        this.service = service;
        this.deadlines = deadlines;
        this.terms = terms;
        this.meters = meters;
        this.templates = templates;
    }

    private <M extends ApplicantMail> void register(ApplicantMailContent<M> content) {
        for (M mail : content.mails()) {
            if (mails.putIfAbsent(mail.name(), new Written<>(mail, content)) != null) {
                throw new IllegalStateException("Two mails are called " + mail.name());
            }
        }
    }

    /** The mail a model's mail task names. */
    public ApplicantMail named(String name) {
        Written<?> written = mails.get(name);
        if (written == null) {
            throw new IllegalArgumentException("No mail is called " + name);
        }
        return written.mail();
    }

    /**
     * Sends each copy of the mail that did not leave yet.
     *
     * @param visit the process instance and activity that send it
     */
    public void send(ApplicantMail mail, long applicationId, String visit) {
        Application application = applications.get(applicationId);
        for (ApplicantMailContent.Copy copy : written(mail).copies(application, visit)) {
            count(mail, outbox.sendOnce(copy.key(), applicationId, () -> compose(mail, application, copy)));
        }
    }

    private Written<?> written(ApplicantMail mail) {
        Written<?> written = mails.get(mail.name());
        if (written == null || written.mail() != mail) {
            throw new IllegalArgumentException("No feature writes the mail " + mail.name());
        }
        return written;
    }

    /** Metric {@code certflow.mails.sent}, by mail: what left the outbox now (not the ones skipped as sent). */
    private void count(ApplicantMail mail, boolean sent) {
        if (sent) {
            meters.counter("certflow.mails.sent", "mail", mail.name()).increment();
        }
    }

    private OutgoingMail compose(ApplicantMail mail, Application application, ApplicantMailContent.Copy copy) {
        Map<String, Object> model = new HashMap<>();
        model.put("serviceName", service.serviceName());
        model.put("issuerName", service.issuerName());
        model.put("contact", service.contact());
        model.put("rootTrustUrl", rootTrustUrl);
        model.put("terms", terms);
        model.put("application", application);
        model.put("orderNumber", application.orderNumber());
        model.put("qualification", application.qualification().displayName());
        model.put("documentName", application.qualification().documentName());
        model.put("name", application.hasDetails() ? application.fullName() : null);
        MailDraft draft = new MailDraft(model, deadlines.zone());
        copy.content().accept(draft);
        Context context = new Context(Locale.JAPANESE, draft.model());
        String body = templates.process(MailTemplateConfiguration.PREFIX + mail.template(), context)
                + templates.process(MailTemplateConfiguration.PREFIX + "footer", context);
        String subject = mail.subject(new ApplicantMail.Heading(service.serviceName(),
                application.qualification().documentName(), application.orderNumber(),
                application.hasDetails() ? application.pickupLabel() : ""));
        return new OutgoingMail(copy.recipient(), subject, body, draft.attachments());
    }

    /** A mail with the feature that writes it, so that the feature sees its own kind of mail. */
    private record Written<M extends ApplicantMail>(M mail, ApplicantMailContent<M> content) {

        List<ApplicantMailContent.Copy> copies(Application application, String visit) {
            return content.copies(mail, application, visit);
        }
    }
}
