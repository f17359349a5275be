package org.certflow.pki;

import org.certflow.mail.MailProperties;
import org.certflow.mail.MailSigningProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The certificate authority works with the operator's {@code certflow.pki} settings and two values it shares with
 * the rest of certflow: the public address ({@code certflow.base-url}), which its certificates name as the place
 * of the CRL, the OCSP responder and the issuer certificates, and the sender of the service mails
 * ({@code certflow.mail.from}), which its mail-signing certificate must carry. With a mail-signing certificate
 * bought from a public CA ({@code certflow.mail.signing.keystore}) the CA issues none.
 */
@Configuration(proxyBeanMethods = false)
class PkiConfiguration {

    @Bean
    PkiProperties pkiProperties(PkiSettings settings, ServiceProperties service, MailProperties mail,
                                MailSigningProperties mailSigning) {
        return new PkiProperties(settings.directory(), settings.keystorePassword(), settings.organization(),
                mail.from(), service.baseUrl(), settings.policyOid(), settings.keySize(), settings.generateMissing(),
                settings.pkcs11(), !mailSigning.purchased());
    }
}
