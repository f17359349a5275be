package org.certflow.mail;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Source of the S/MIME signing key for every service mail. The certificate authority provides the bean; the
 * key entry must hold the signing certificate (EKU emailProtection, SAN rfc822Name = the sender address) and
 * its chain. The key is either a PKCS#12 keystore ({@link #keystore()}) or a key that stays in a PKCS#11 token
 * ({@link #tokenKey()}).
 */
public interface MailSigning {

    /** The keystore of the signing key; not called when {@link #tokenKey()} gives a key. */
    SigningKeystore keystore();

    /** The signing key in a PKCS#11 token, or {@code null} when it is the {@link #keystore()}. */
    default TokenKey tokenKey() {
        return null;
    }

    /** A PKCS#12 keystore as bytes, with the alias and password of the signing key entry. */
    record SigningKeystore(byte[] pkcs12, String storePassword, String keyAlias, String keyPassword) {

        /** Never prints the passwords. */
        @Override
        public String toString() {
            return "SigningKeystore[keyAlias=" + keyAlias + ", " + pkcs12.length + " bytes]";
        }
    }

    /**
     * A key in a token: {@code provider} signs with it, the value never leaves the token.
     *
     * @param privateKey the key's handle
     * @param chain      the signing certificate first, then its issuers
     * @param provider   the token's provider
     */
    record TokenKey(PrivateKey privateKey, List<X509Certificate> chain, Provider provider) {

        public TokenKey {
            chain = List.copyOf(chain);
        }
    }
}
