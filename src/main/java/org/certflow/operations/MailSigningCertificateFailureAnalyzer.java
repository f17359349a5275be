package org.certflow.operations;

import org.certflow.mail.MailSigningCertificateException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The bought mail-signing certificate cannot sign the service mails (file unreadable, wrong password, expired, not
 * for e-mail, another address than the sender's): the start stops naming the setting to correct and its
 * environment variable, never the password.
 */
class MailSigningCertificateFailureAnalyzer extends AbstractFailureAnalyzer<MailSigningCertificateException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MailSigningCertificateException cause) {
        String variable = cause.setting().toUpperCase().replace('.', '_').replace('-', '_');
        return new FailureAnalysis(
                "certflow cannot start: the bought mail-signing certificate cannot sign the service mails. "
                        + cause.getMessage(),
                "Correct the setting " + cause.setting() + " (environment variable " + variable + "; see the"
                        + " certificate authority section of README.md), or leave certflow.mail.signing.keystore"
                        + " unset to sign with the mail-signing certificate of certflow's own CA.",
                cause);
    }
}
