package org.certflow.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * A mail-signing certificate bought from a publicly trusted S/MIME CA, so that applicants' mail programs show the
 * service mails' signature as valid without trusting certflow's root. Unset, certflow's own CA issues the
 * mail-signing certificate. Checked at start by {@link PurchasedMailCertificate}.
 *
 * @param keystore         path of the PKCS#12 file with the key, the certificate and its chain; empty = own CA
 * @param keystorePassword password of the file (and of its key entry); a secret, never logged
 * @param alias            alias of the key entry; empty when the file holds exactly one key entry
 */
@Validated
@ConfigurationProperties("certflow.mail.signing")
public record MailSigningProperties(String keystore, String keystorePassword, String alias) {

    /** Whether a bought certificate signs the service mails. */
    public boolean purchased() {
        return keystore != null && !keystore.isBlank();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "MailSigningProperties[keystore=" + keystore + ", alias=" + alias + "]";
    }
}
