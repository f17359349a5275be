package org.certflow.mail;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.certflow.application.Application;

/**
 * What the mails of one feature say: a bean of the feature that owns the facts its mails report (the invoice, the
 * certificate, the one-time link). {@link ApplicantMails} adds the part every mail has and sends each copy once.
 *
 * @param <M> the feature's mails
 */
public interface ApplicantMailContent<M extends ApplicantMail> {

    Collection<M> mails();

    /**
     * The copies one visit of the mail's task sends; each leaves once per key, so a retried task sends only the
     * copies that did not leave. Most mails are a single {@link Copy#toApplicant}.
     */
    List<Copy> copies(M mail, Application application, String visit);

    /**
     * One copy of a mail.
     *
     * @param key       the copy is sent once per key
     * @param recipient the address it goes to
     * @param content   adds what the template needs to the model every mail has; runs only when the copy is sent
     */
    record Copy(String key, String recipient, Consumer<MailDraft> content) {

        /** To the applicant, once per visit of the task and revision of the application. */
        public static Copy toApplicant(Application application, String visit, Consumer<MailDraft> content) {
            return new Copy(visit + ":" + application.revision(), application.email(), content);
        }
    }
}
