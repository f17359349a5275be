package org.certflow.mail;

/**
 * Source of the S/MIME signing key for every service mail. The certificate authority provides the bean; the
 * key entry must hold the signing certificate (EKU emailProtection, SAN rfc822Name = the sender address) and
 * its chain.
 */
public interface MailSigning {

    SigningKeystore keystore();

    /** A PKCS#12 keystore as bytes, with the alias and password of the signing key entry. */
    record SigningKeystore(byte[] pkcs12, String storePassword, String keyAlias, String keyPassword) {
    }
}
