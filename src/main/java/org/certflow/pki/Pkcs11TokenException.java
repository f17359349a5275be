package org.certflow.pki;

/**
 * The PKCS#11 token of the CA keys cannot be used as set: the message names the setting to correct
 * ({@code certflow.pki.pkcs11.library}, {@code token-label} or {@code pin}), never the PIN.
 */
public class Pkcs11TokenException extends IllegalStateException {

    private final String setting;

    Pkcs11TokenException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    Pkcs11TokenException(String setting, String message, Throwable cause) {
        super(setting + ": " + message, cause);
        this.setting = setting;
    }

    /** The setting to correct. */
    public String setting() {
        return setting;
    }
}
