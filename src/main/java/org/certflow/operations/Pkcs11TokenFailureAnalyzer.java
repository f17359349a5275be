package org.certflow.operations;

import org.certflow.pki.Pkcs11TokenException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The PKCS#11 token of the CA keys cannot be used (no module at the path, no token with the label, a PIN the token
 * refuses): the start stops naming the setting to correct and its environment variable, never the PIN.
 */
class Pkcs11TokenFailureAnalyzer extends AbstractFailureAnalyzer<Pkcs11TokenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Pkcs11TokenException cause) {
        String variable = cause.setting().toUpperCase().replace('.', '_').replace('-', '_');
        return new FailureAnalysis(
                "certflow cannot start: the CA keys' PKCS#11 token cannot be used. " + cause.getMessage(),
                "Correct the setting " + cause.setting() + " (environment variable " + variable + "; see the"
                        + " certificate authority section of README.md), or leave all of certflow.pki.pkcs11.* unset"
                        + " to keep the CA keys as PKCS#12 files.",
                cause);
    }
}
