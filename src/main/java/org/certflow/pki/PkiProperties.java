package org.certflow.pki;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the certificate authority.
 *
 * @param directory         where the CA keystores (root.p12, issuing.p12, mail-signing.p12) live
 * @param keystorePassword  password of the CA keystores in {@code directory}
 * @param organization      O= of every certificate issued here
 * @param mailSenderAddress address of the S/MIME signing certificate for service mail
 * @param baseUrl           public base URL, used for CRL distribution point and AIA URLs
 * @param policyOid         certificate policy OID put into issued certificates (the default is an example arc)
 * @param keySize           RSA key size of applicant keys
 * @param generateMissing   whether a missing root and issuing CA are generated (the default run) or the start is
 *                          refused (production: the CA comes from PKCS#12 files that operators put in place)
 */
@ConfigurationProperties("certflow.pki")
public record PkiProperties(
        @DefaultValue("./data/pki") Path directory,
        @DefaultValue("certflow-dev-only") String keystorePassword,
        @DefaultValue("Matsumoto Chamber of Commerce and Industry") String organization,
        @DefaultValue("jcan-secretariat@mcci.or.jp") String mailSenderAddress,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("1.3.6.1.4.1.99999.1.1") String policyOid,
        @DefaultValue("2048") int keySize,
        @DefaultValue("true") boolean generateMissing) {

    public PkiProperties {
        if (directory == null) {
            throw new IllegalArgumentException("certflow.pki.directory must be set");
        }
        if (keystorePassword == null || keystorePassword.isEmpty()) {
            throw new IllegalArgumentException("certflow.pki.keystore-password must not be empty");
        }
        if (organization == null || organization.isBlank()) {
            throw new IllegalArgumentException("certflow.pki.organization must not be blank");
        }
        if (mailSenderAddress == null || mailSenderAddress.isBlank()) {
            throw new IllegalArgumentException("certflow.pki.mail-sender-address must not be blank");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("certflow.pki.base-url must not be blank");
        }
        if (policyOid == null || !policyOid.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
            throw new IllegalArgumentException("certflow.pki.policy-oid is not a dotted OID: " + policyOid);
        }
        if (keySize < 2048) {
            throw new IllegalArgumentException("certflow.pki.key-size must be at least 2048, was " + keySize);
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    @Override
    public String toString() {
        return "PkiProperties[directory=" + directory + ", organization=" + organization
                + ", mailSenderAddress=" + mailSenderAddress + ", baseUrl=" + baseUrl
                + ", policyOid=" + policyOid + ", keySize=" + keySize + "]";
    }
}
