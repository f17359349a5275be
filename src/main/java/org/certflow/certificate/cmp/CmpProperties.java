package org.certflow.certificate.cmp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The CA's CMP endpoint {@code POST /pki/cmp} (RFC 9483 over RFC 6712 HTTP), through which a registration
 * authority running apart enrols and revokes certificates.
 *
 * @param enabled         off unless set: the endpoint answers 404 while it is off
 * @param sharedSecret    the secret of password-based MAC protection (PBM), for bootstrapping an RA and for tests;
 *                        empty: only signature protection is taken
 * @param reference       the sender key identifier (senderKID) an RA gives with the shared secret
 * @param raCertificates  PEM files, each one RA certificate whose signature protection is accepted (pinned, not a
 *                        chain)
 * @param validityYears   how long certificates enrolled over CMP are valid: 1 or 2 years, as for the applicants
 * @param maxMessageBytes the largest request taken; bigger ones are refused before they are parsed
 */
@ConfigurationProperties("certflow.pki.cmp")
@Validated
public record CmpProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String sharedSecret,
        @DefaultValue("certflow-ra") @Size(min = 1, max = 128) String reference,
        @DefaultValue("") @NotNull List<Path> raCertificates,
        @DefaultValue("1") @Min(1) @Max(2) int validityYears,
        @DefaultValue("65536") @Min(4096) @Max(1048576) int maxMessageBytes) {

    /** Below this length a shared secret is guessed offline from one captured message. */
    static final int MIN_SECRET_LENGTH = 16;

    @AssertTrue(message = "certflow.pki.cmp.shared-secret must have at least 16 characters")
    public boolean isSharedSecretLongEnough() {
        return sharedSecret == null || sharedSecret.isEmpty() || sharedSecret.length() >= MIN_SECRET_LENGTH;
    }

    @AssertTrue(message = "certflow.pki.cmp.enabled needs certflow.pki.cmp.shared-secret or"
            + " certflow.pki.cmp.ra-certificates")
    public boolean isProtectionConfigured() {
        return !enabled || hasSharedSecret() || !raCertificates.isEmpty();
    }

    @AssertTrue(message = "every file of certflow.pki.cmp.ra-certificates must exist and be readable")
    public boolean isRaCertificatesReadable() {
        return raCertificates.stream().allMatch(Files::isReadable);
    }

    boolean hasSharedSecret() {
        return sharedSecret != null && !sharedSecret.isEmpty();
    }

    @Override
    public String toString() {
        return "CmpProperties[enabled=" + enabled + ", sharedSecret=" + (hasSharedSecret() ? "(set)" : "(none)")
                + ", reference=" + reference + ", raCertificates=" + raCertificates + ", validityYears="
                + validityYears + ", maxMessageBytes=" + maxMessageBytes + "]";
    }
}
