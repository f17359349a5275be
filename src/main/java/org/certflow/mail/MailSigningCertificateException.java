package org.certflow.mail;

/**
 * The bought mail-signing certificate ({@code certflow.mail.signing.*}) cannot sign the service mails: the message
 * names the setting to correct, never the password.
 */
public class MailSigningCertificateException extends IllegalStateException {

    private final String setting;

    MailSigningCertificateException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    MailSigningCertificateException(String setting, String message, Throwable cause) {
        super(setting + ": " + message, cause);
        this.setting = setting;
    }

    /** The setting to correct. */
    public String setting() {
        return setting;
    }
}
