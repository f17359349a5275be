package org.certflow.pki;

import java.nio.file.Path;

/**
 * What the certificate authority works with: the operator's {@link PkiSettings} with the public address and the
 * mail sender that the rest of certflow uses too ({@link PkiConfiguration}).
 *
 * @param directory         where the CA keystores (root.p12, issuing.p12, mail-signing.p12) live
 * @param keystorePassword  password of the CA keystores in {@code directory}
 * @param organization      O= of every certificate issued here
 * @param mailSenderAddress address of the S/MIME signing certificate for service mail ({@code certflow.mail.from})
 * @param baseUrl           public base URL, used for CRL distribution point and AIA URLs ({@code certflow.base-url})
 * @param policyOid         certificate policy OID put into issued certificates (the default is an example arc)
 * @param keySize           RSA key size of applicant keys
 * @param generateMissing   whether a missing root and issuing CA are generated (the default run) or the start is
 *                          refused (production: the CA comes from PKCS#12 files that operators put in place)
 */
public record PkiProperties(
        Path directory,
        String keystorePassword,
        String organization,
        String mailSenderAddress,
        String baseUrl,
        String policyOid,
        int keySize,
        boolean generateMissing) {

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
            throw new IllegalArgumentException("certflow.mail.from must not be blank");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("certflow.base-url must not be blank");
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
