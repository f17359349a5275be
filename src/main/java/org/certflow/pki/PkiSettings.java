package org.certflow.pki;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What the operator sets for the certificate authority. The public address written into certificates and the
 * mail-signing address are not among them: they follow {@code certflow.base-url} and {@code certflow.mail.from}
 * ({@link PkiConfiguration}), so a certificate can never name another address than the mails and pages do.
 *
 * @param directory        where the CA keystores (root.p12, issuing.p12, mail-signing.p12) live
 * @param keystorePassword password of the CA keystores in {@code directory}
 * @param organization     O= of every certificate issued here
 * @param policyOid        certificate policy OID put into issued certificates (the default is an example arc,
 *                         refused in production)
 * @param keySize          RSA key size of applicant keys
 * @param generateMissing  whether a missing root and issuing CA are generated (the default run) or the start is
 *                         refused (production: the CA comes from PKCS#12 files that operators put in place)
 */
@ConfigurationProperties("certflow.pki")
@Validated
public record PkiSettings(
        @DefaultValue("./data/pki") @NotNull Path directory,
        @DefaultValue("certflow-dev-only") @NotEmpty String keystorePassword,
        @DefaultValue("Matsumoto Chamber of Commerce and Industry") @NotBlank String organization,
        @DefaultValue(PkiSettings.EXAMPLE_POLICY_OID) @Pattern(regexp = "[0-2](\\.(0|[1-9][0-9]*))+",
                message = "must be a dotted OID") String policyOid,
        @DefaultValue("2048") @Min(2048) int keySize,
        @DefaultValue("true") boolean generateMissing) {

    /** Under the arc 1.3.6.1.4.1.99999 that the default run uses as an example; never the chamber's own. */
    public static final String EXAMPLE_POLICY_OID = "1.3.6.1.4.1.99999.1.1";

    @Override
    public String toString() {
        return "PkiSettings[directory=" + directory + ", organization=" + organization + ", policyOid=" + policyOid
                + ", keySize=" + keySize + ", generateMissing=" + generateMissing + "]";
    }
}
