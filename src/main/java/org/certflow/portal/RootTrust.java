package org.certflow.portal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import org.certflow.mail.MailSigningProperties;
import org.certflow.pki.CertificateAuthority;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the portal tells applicants about trusting certflow's root so that the service mails' signature shows as
 * valid: the root's fingerprints, to compare with what the system shows before it trusts the root (SHA-256 as
 * macOS, iOS, Android and Firefox show it, SHA-1 as Windows' warning does), and whether that is needed at all: with
 * a mail-signing certificate bought from a publicly trusted CA ({@code certflow.mail.signing.keystore}) mail
 * programs verify it without help, and the pages say nothing about trusting a root by hand.
 */
@Component
class RootTrust {

    private final CertificateAuthority authority;
    private final boolean byHand;

    RootTrust(CertificateAuthority authority, MailSigningProperties mailSigning) {
        this.authority = authority;
        this.byHand = !mailSigning.purchased();
    }

    /** Adds {@code mailTrustByHand}, {@code rootSha256} and {@code rootSha1}. */
    void addTo(Model model) {
        model.addAttribute("mailTrustByHand", byHand);
        X509Certificate root = authority.rootCertificate();
        model.addAttribute("rootSha256", fingerprint(root, "SHA-256"));
        model.addAttribute("rootSha1", fingerprint(root, "SHA-1"));
    }

    private static String fingerprint(X509Certificate certificate, String algorithm) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot take the " + algorithm + " fingerprint of the root", e);
        }
    }
}
