package org.certflow.mail;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each mail at most once per idempotency key, so that a retried job does not mail the applicant twice.
 * <p>
 * {@link #sendOnce} runs in its own transaction (REQUIRES_NEW): it looks the key up in {@code mail_log}; if the
 * key is new it builds the mail (the supplier may write rows of its own, e.g. a one-time link, in the same
 * transaction), inserts the {@code mail_log} row, sends the mail and commits. The row is inserted before the mail
 * is sent so that a concurrent attempt with the same key blocks on the unique key instead of sending a second copy,
 * and no database error can occur after the mail has left. If sending fails, everything rolls back and the
 * exception propagates, so the calling job is retried later.
 * <p>
 * One window remains: if the process dies (or the commit fails) after the SMTP server accepted the mail but before
 * the commit, the transaction rolls back and the retry sends the mail a second time. SMTP offers no way to take
 * part in a database transaction, so at-least-once is the guarantee for that window; everywhere else it is
 * exactly once. The Message-ID is derived from the key, so such a second copy carries the first one's ID and mail
 * clients that drop duplicates show it once.
 */
@Component
public class MailOutbox {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MailSender sender;

    public MailOutbox(JdbcClient jdbc, PlatformTransactionManager transactionManager, MailSender sender) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Sends the mail unless a mail with this key was sent before.
     *
     * @param idempotencyKey unique per logical mail, e.g. {@code "application-42/main-application-received"}
     * @param applicationId  the application the mail belongs to, or {@code null}
     * @param mail           builds the mail; called only when the key is new, inside the transaction
     * @return {@code true} if the mail was sent now, {@code false} if it had been sent before
     * @throws MailDeliveryException when the SMTP server does not accept the mail (nothing is committed)
     */
    public boolean sendOnce(String idempotencyKey, Long applicationId, Supplier<OutgoingMail> mail) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(mail, "mail");
        Boolean sent = transaction.execute(status -> {
            if (alreadySent(idempotencyKey)) {
                return false;
            }
            OutgoingMail outgoing = Objects.requireNonNull(mail.get(), "the mail supplier returned null");
            try {
                jdbc.sql("""
                        insert into mail_log (idempotency_key, application_id, recipient, subject, sent_at)
                        values (:key, :applicationId, :recipient, :subject, :sentAt)
                        """)
                        .param("key", idempotencyKey)
                        .param("applicationId", applicationId)
                        .param("recipient", outgoing.to())
                        .param("subject", outgoing.subject())
                        .param("sentAt", OffsetDateTime.now(ZoneOffset.UTC))
                        .update();
            } catch (DuplicateKeyException e) {
                // another node sent this mail while we were building ours
                status.setRollbackOnly();
                return false;
            }
            sender.send(outgoing, messageId(idempotencyKey));
            return true;
        });
        if (Boolean.TRUE.equals(sent)) {
            log.info("Mail {} sent for application {}", idempotencyKey, applicationId);
        }
        return Boolean.TRUE.equals(sent);
    }

    static String messageId(String idempotencyKey) {
        return "<" + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)) + "@certflow>";
    }

    private boolean alreadySent(String idempotencyKey) {
        return jdbc.sql("select count(*) from mail_log where idempotency_key = :key")
                .param("key", idempotencyKey)
                .query(Long.class)
                .single() > 0;
    }
}
