package org.certflow.pki;

import java.security.KeyStore;

/**
 * Where the keys of the CA itself (root, issuing CA, OCSP signer, and with a token the mail signer) are kept: PKCS#12 files in the CA directory
 * ({@link KeystoreDirectory}, the default) or a PKCS#11 token ({@link Pkcs11Token}).
 */
interface CaKeyStore {

    /** The key entry {@code alias} (file {@code file} in a directory), or {@code null} when there is none. */
    KeyStore.PrivateKeyEntry load(String file, String alias);

    /** Keeps {@code entry} as {@code alias} (file {@code file} in a directory), replacing what was there. */
    void store(String file, KeyStore.PrivateKeyEntry entry, String alias);

    /** Where the keys are, for messages. */
    String where();
}
