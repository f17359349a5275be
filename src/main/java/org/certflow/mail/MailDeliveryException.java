package org.certflow.mail;

/** The SMTP server did not accept a mail; the caller may retry later. */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
