package org.certflow.pki;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What the operator sets for the certificate authority. The public address written into certificates and the
 * mail-signing address are not among them: they follow {@code certflow.base-url} and {@code certflow.mail.from}
 * ({@link PkiConfiguration}), so a certificate can never name another address than the mails and pages do.
 *
 * @param directory           where the CA keystores (root.p12, issuing.p12, mail-signing.p12) live
 * @param keystorePassword    password of the CA keystores in {@code directory}; the default is a development value,
 *                            refused in production
 * @param organization        O= of every certificate issued here
 * @param policyOid           certificate policy OID put into issued certificates (the default is an example arc,
 *                            refused in production)
 * @param keySize             RSA key size of applicant keys, 2048 to 4096 bits
 * @param generateMissing     whether a missing root and issuing CA are generated (the default run) or the start is
 *                            refused (production: the CA comes from PKCS#12 files that operators put in place)
 * @param crlPublicationCycle how often the model {@code crl-publication} signs a new CRL, an ISO-8601 repeating
 *                            interval well within the 7 days each CRL is valid
 * @param pkcs11              the PKCS#11 token (hardware security module) that holds the CA keys; when none is set,
 *                            the keys are PKCS#12 files in {@code directory}
 */
@ConfigurationProperties("certflow.pki")
@Validated
public record PkiSettings(
        @DefaultValue("./data/pki") @NotNull Path directory,
        @DefaultValue(PkiSettings.DEVELOPMENT_KEYSTORE_PASSWORD) String keystorePassword,
        @DefaultValue("Matsumoto Chamber of Commerce and Industry") @NotBlank String organization,
        @DefaultValue(PkiSettings.EXAMPLE_POLICY_OID) @Pattern(regexp = "[0-2](\\.(0|[1-9][0-9]*))+",
                message = "must be a dotted OID, e.g. 1.2.392.200001.1") String policyOid,
        // larger keys make each pickup wait seconds for key generation
        @DefaultValue("2048") @Min(2048) @Max(4096) int keySize,
        @DefaultValue("true") boolean generateMissing,
        @DefaultValue("R/PT12H") @Pattern(regexp = "R\\d*/P\\S+",
                message = "must be an ISO-8601 repeating interval, e.g. R/PT12H") String crlPublicationCycle,
        @DefaultValue @NotNull @Valid Pkcs11 pkcs11) {

    /**
     * The PKCS#11 token of the CA keys: none when all three are empty, else all three are needed.
     *
     * @param library    path of the token's PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param tokenLabel label of the token in that module
     * @param pin        the token's user PIN; a secret, never printed
     */
    public record Pkcs11(String library, String tokenLabel, String pin) {

        public boolean configured() {
            return hasText(library) || hasText(tokenLabel) || hasText(pin);
        }

        /** Checked as a whole rather than on the PIN itself, so that a refused start does not print it. */
        @AssertTrue(message = "certflow.pki.pkcs11.library, token-label and pin must be set together"
                + " (all three for a PKCS#11 token, none for PKCS#12 files)")
        public boolean isComplete() {
            return !configured() || hasText(library) && hasText(tokenLabel) && hasText(pin);
        }

        private static boolean hasText(String value) {
            return value != null && !value.isBlank();
        }

        @Override
        public String toString() {
            return "Pkcs11[library=" + library + ", tokenLabel=" + tokenLabel + "]";
        }
    }

    /** Under the arc 1.3.6.1.4.1.99999 that the default run uses as an example; never the chamber's own. */
    public static final String EXAMPLE_POLICY_OID = "1.3.6.1.4.1.99999.1.1";

    /** Protects the development CA the default run generates; written in the source, so no secret. */
    public static final String DEVELOPMENT_KEYSTORE_PASSWORD = "certflow-dev-only";

    /** Checked as a whole rather than on the password itself, so that a refused start does not print it. */
    @AssertTrue(message = "certflow.pki.keystore-password must not be empty")
    public boolean isKeystorePasswordSet() {
        return keystorePassword != null && !keystorePassword.isEmpty();
    }

    public boolean hasDevelopmentKeystorePassword() {
        return DEVELOPMENT_KEYSTORE_PASSWORD.equals(keystorePassword);
    }

    @Override
    public String toString() {
        return "PkiSettings[directory=" + directory + ", organization=" + organization + ", policyOid=" + policyOid
                + ", keySize=" + keySize + ", generateMissing=" + generateMissing
                + ", crlPublicationCycle=" + crlPublicationCycle + ", pkcs11=" + pkcs11 + "]";
    }
}
