package org.certflow.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PKCS#11 token (a hardware security module, or SoftHSM2 in tests) that holds the CA keys: each key is
 * generated inside it as a token object that is sensitive and not extractable, so it never leaves the token; each
 * is stored with its certificate under its alias (PKCS#11 label), where the next start finds both. Signatures are
 * made by the JDK's SunPKCS11 provider, configured here at run time (no change to {@code java.security}); the
 * provider is not installed globally, so nothing else in certflow (applicant keys, TLS) uses the token by accident.
 * <p>
 * SunPKCS11 selects a token by slot, not by label: the slot is looked up here through the module's own
 * {@code C_GetSlotList} and {@code C_GetTokenInfo}, called with JNA.
 */
final class Pkcs11Token implements CaKeyStore {

    static final String LIBRARY_SETTING = "certflow.pki.pkcs11.library";
    static final String TOKEN_LABEL_SETTING = "certflow.pki.pkcs11.token-label";
    static final String PIN_SETTING = "certflow.pki.pkcs11.pin";

    /** CKF_OS_LOCKING_OK: the module may be called from several threads and uses the system's locks. */
    private static final long CKF_OS_LOCKING_OK = 0x2;
    private static final long CKR_OK = 0;
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    /** Larger than CK_TOKEN_INFO on every platform; the label is its first 32 bytes. */
    private static final int TOKEN_INFO_SIZE = 1024;
    private static final int LABEL_SIZE = 32;

    private static final Logger log = LoggerFactory.getLogger(Pkcs11Token.class);

    private final PkiSettings.Pkcs11 settings;
    private final Provider provider;
    private final KeyStore keyStore;

    private Pkcs11Token(PkiSettings.Pkcs11 settings, Provider provider, KeyStore keyStore) {
        this.settings = settings;
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /** Opens the token and logs in; a wrong setting stops here with a message naming it (never the PIN). */
    static Pkcs11Token open(PkiSettings.Pkcs11 settings) {
        Path library = Path.of(settings.library().strip()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(library)) {
            throw new Pkcs11TokenException(LIBRARY_SETTING, "there is no PKCS#11 module at " + library
                    + " (for SoftHSM2: apt-get install softhsm2, module /usr/lib/softhsm/libsofthsm2.so)");
        }
        long slot = slotOf(library, settings.tokenLabel().strip());
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(configuration(library, slot));
        } catch (RuntimeException e) {
            throw new Pkcs11TokenException(LIBRARY_SETTING, "the PKCS#11 module " + library
                    + " cannot be used: " + e.getMessage(), e);
        }
        char[] pin = settings.pin().toCharArray();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            log.info("CA keys in the PKCS#11 token '{}' (module {}, slot {})", settings.tokenLabel(), library, slot);
            return new Pkcs11Token(settings, provider, keyStore);
        } catch (IOException e) {
            throw new Pkcs11TokenException(PIN_SETTING, "the token '" + settings.tokenLabel()
                    + "' refuses the PIN (" + pkcs11Reason(e) + ")", e);
        } catch (GeneralSecurityException e) {
            throw new Pkcs11TokenException(LIBRARY_SETTING, "the token '" + settings.tokenLabel()
                    + "' cannot be read as a key store (" + pkcs11Reason(e) + ")", e);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    String label() {
        return settings.tokenLabel();
    }

    /** The provider whose signatures use the token's keys. */
    Provider provider() {
        return provider;
    }

    /** A new RSA key pair whose private key is a sensitive, non-extractable object of the token. */
    KeyPair generateKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider);
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException | java.security.ProviderException e) {
            throw new IllegalStateException("the token '" + settings.tokenLabel() + "' cannot generate an RSA-"
                    + bits + " key", e);
        }
    }

    @Override
    public String where() {
        return "the PKCS#11 token '" + settings.tokenLabel() + "'";
    }

    /** The key {@code alias} with its certificate, or {@code null} when the token holds no such key. */
    @Override
    public KeyStore.PrivateKeyEntry load(String file, String alias) {
        return load(alias);
    }

    @Override
    public void store(String file, KeyStore.PrivateKeyEntry entry, String alias) {
        store(alias, entry);
    }

    /** The key {@code alias} with its certificate, or {@code null} when the token holds no such key. */
    synchronized KeyStore.PrivateKeyEntry load(String alias) {
        try {
            if (!keyStore.isKeyEntry(alias)) {
                return null;
            }
            PrivateKey key = (PrivateKey) keyStore.getKey(alias, null);
            Certificate certificate = keyStore.getCertificate(alias);
            if (key == null || !(certificate instanceof X509Certificate)) {
                throw new IllegalStateException("the token '" + settings.tokenLabel() + "' holds '" + alias
                        + "' without its key or certificate");
            }
            return new KeyStore.PrivateKeyEntry(key, new Certificate[] {certificate});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read '" + alias + "' from the token '"
                    + settings.tokenLabel() + "'", e);
        }
    }

    /**
     * Labels the token key of {@code entry} as {@code alias} and stores its certificate beside it (the chain stays
     * out: the CA rebuilds it), replacing the key and certificate that had the alias before.
     */
    synchronized void store(String alias, KeyStore.PrivateKeyEntry entry) {
        try {
            if (keyStore.containsAlias(alias)) {
                keyStore.deleteEntry(alias);
            }
            keyStore.setKeyEntry(alias, entry.getPrivateKey(), null,
                    new Certificate[] {entry.getCertificate()});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store '" + alias + "' in the token '"
                    + settings.tokenLabel() + "'", e);
        }
    }

    private static String configuration(Path library, long slot) {
        // generated keys are token objects (they persist), private, sensitive and never extractable
        return "--name = certflow\n"
                + "library = \"" + library + "\"\n"
                + "slot = " + slot + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n"
                + "}\n"
                + "attributes(generate, CKO_PUBLIC_KEY, *) = {\n  CKA_TOKEN = true\n}\n";
    }

    /** The slot of the token labelled {@code label}, from the module itself. */
    private static long slotOf(Path library, String label) {
        NativeLibrary module;
        try {
            module = NativeLibrary.getInstance(library.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new Pkcs11TokenException(LIBRARY_SETTING, library + " is not a loadable PKCS#11 module: "
                    + e.getMessage(), e);
        }
        Memory initArgs = new Memory(6L * Native.POINTER_SIZE);
        initArgs.clear();
        initArgs.setNativeLong(4L * Native.POINTER_SIZE, new NativeLong(CKF_OS_LOCKING_OK));
        long initialized = call(module, "C_Initialize", initArgs);
        if (initialized != CKR_OK && initialized != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            throw new Pkcs11TokenException(LIBRARY_SETTING, "the PKCS#11 module " + library
                    + " does not start (C_Initialize: 0x" + Long.toHexString(initialized) + ")");
        }
        try {
            List<String> labels = new ArrayList<>();
            NativeLongByReference count = new NativeLongByReference();
            check(library, "C_GetSlotList", call(module, "C_GetSlotList", (byte) 1, null, count));
            int slots = count.getValue().intValue();
            if (slots > 0) {
                Memory ids = new Memory((long) slots * NativeLong.SIZE);
                check(library, "C_GetSlotList", call(module, "C_GetSlotList", (byte) 1, ids, count));
                for (int i = 0; i < count.getValue().intValue(); i++) {
                    NativeLong id = ids.getNativeLong((long) i * NativeLong.SIZE);
                    Memory info = new Memory(TOKEN_INFO_SIZE);
                    if (call(module, "C_GetTokenInfo", id, info) != CKR_OK) {
                        continue;
                    }
                    String tokenLabel = new String(info.getByteArray(0, LABEL_SIZE), StandardCharsets.UTF_8).strip();
                    if (tokenLabel.equals(label)) {
                        return id.longValue();
                    }
                    labels.add(tokenLabel);
                }
            }
            throw new Pkcs11TokenException(TOKEN_LABEL_SETTING, "the PKCS#11 module " + library
                    + " has no token labelled '" + label + "' (its tokens: " + labels + ")");
        } finally {
            if (initialized == CKR_OK) {
                // SunPKCS11 initialises the module again for itself
                call(module, "C_Finalize", (Object) null);
            }
        }
    }

    private static long call(NativeLibrary module, String function, Object... arguments) {
        return ((NativeLong) module.getFunction(function).invoke(NativeLong.class, arguments)).longValue();
    }

    private static void check(Path library, String function, long result) {
        if (result != CKR_OK) {
            throw new Pkcs11TokenException(LIBRARY_SETTING, "the PKCS#11 module " + library + " fails " + function
                    + " (0x" + Long.toHexString(result) + ")");
        }
    }

    /** The PKCS#11 error name (e.g. CKR_PIN_INCORRECT) from the provider's exception chain. */
    private static String pkcs11Reason(Throwable failure) {
        String reason = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("CKR_")) {
                reason = cause.getMessage().replaceAll(".*(CKR_[A-Z_]+).*", "$1");
            }
        }
        return reason == null ? failure.getClass().getSimpleName() : reason;
    }
}
