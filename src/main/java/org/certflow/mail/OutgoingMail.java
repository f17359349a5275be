package org.certflow.mail;

import java.util.List;
import java.util.Objects;

/**
 * One mail to one recipient, ready to be signed and sent. The subject is complete (the service name prefix
 * included); the body is plain text.
 */
public record OutgoingMail(String to, String subject, String textBody, List<Attachment> attachments) {

    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public OutgoingMail(String to, String subject, String textBody) {
        this(to, subject, textBody, List.of());
    }

    public record Attachment(String fileName, byte[] content, String mimeType) {

        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }
}
