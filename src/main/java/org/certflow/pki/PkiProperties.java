package org.certflow.pki;

import java.nio.file.Path;

/**
 * What the certificate authority works with: the operator's {@link PkiSettings} with the public address and the
 * mail sender that the rest of certflow uses too ({@link PkiConfiguration}). Each value was checked where it is
 * set, when the settings were bound; the public address comes without a trailing slash.
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
 * @param pkcs11            the token of the CA keys; when it is {@code null} or not configured, the keys are PKCS#12
 *                          files in {@code directory}
 * @param issuesMailSigner  whether the CA issues and renews the service's mail-signing certificate; not when the
 *                          operator bought one from a public CA ({@code certflow.mail.signing.keystore})
 */
public record PkiProperties(
        Path directory,
        String keystorePassword,
        String organization,
        String mailSenderAddress,
        String baseUrl,
        String policyOid,
        int keySize,
        boolean generateMissing,
        PkiSettings.Pkcs11 pkcs11,
        boolean issuesMailSigner) {

    /** The CA issues the mail-signing certificate. */
    public PkiProperties(Path directory, String keystorePassword, String organization, String mailSenderAddress,
                         String baseUrl, String policyOid, int keySize, boolean generateMissing,
                         PkiSettings.Pkcs11 pkcs11) {
        this(directory, keystorePassword, organization, mailSenderAddress, baseUrl, policyOid, keySize,
                generateMissing, pkcs11, true);
    }

    /** The CA keys as PKCS#12 files in {@code directory}. */
    public PkiProperties(Path directory, String keystorePassword, String organization, String mailSenderAddress,
                         String baseUrl, String policyOid, int keySize, boolean generateMissing) {
        this(directory, keystorePassword, organization, mailSenderAddress, baseUrl, policyOid, keySize,
                generateMissing, null);
    }

    /** Whether the CA keys are in a PKCS#11 token. */
    public boolean inToken() {
        return pkcs11 != null && pkcs11.configured();
    }

    @Override
    public String toString() {
        return "PkiProperties[directory=" + directory + ", organization=" + organization
                + ", mailSenderAddress=" + mailSenderAddress + ", baseUrl=" + baseUrl
                + ", policyOid=" + policyOid + ", keySize=" + keySize + ", pkcs11=" + pkcs11 + ", issuesMailSigner=" + issuesMailSigner + "]";
    }
}
