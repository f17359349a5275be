package org.certflow.pki;

/**
 * The service's S/MIME signing key and chain as a PKCS#12 keystore, in the shape Simple Java Mail's
 * {@code Pkcs12Config} wants it.
 *
 * @param pkcs12        the keystore bytes (readable by {@code KeyStore.getInstance("PKCS12")}, JDK and BC)
 * @param storePassword password of the keystore
 * @param keyAlias      alias of the signing key entry
 * @param keyPassword   password of the key entry
 */
public record MailSigningKeystore(byte[] pkcs12, String storePassword, String keyAlias, String keyPassword) {

    public MailSigningKeystore {
        pkcs12 = pkcs12.clone();
    }

    @Override
    public byte[] pkcs12() {
        return pkcs12.clone();
    }

    /** Never prints the passwords. */
    @Override
    public String toString() {
        return "MailSigningKeystore[keyAlias=" + keyAlias + ", " + pkcs12.length + " bytes]";
    }
}
