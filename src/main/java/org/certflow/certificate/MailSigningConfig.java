package org.certflow.certificate;

import org.certflow.mail.MailSigning;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.MailSigningKeystore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Service mails are signed with the mail-signing certificate of certflow's own CA. The keystore is built
 * once: packing it derives keys slowly on purpose, which no mail should wait for. The CA renews the
 * certificate at start, so one keystore per run is always current.
 */
@Configuration
class MailSigningConfig {

    @Bean
    MailSigning mailSigning(CertificateAuthority authority) {
        MailSigningKeystore keystore = authority.mailSigningKeystore();
        MailSigning.SigningKeystore signingKeystore = new MailSigning.SigningKeystore(keystore.pkcs12(),
                keystore.storePassword(), keystore.keyAlias(), keystore.keyPassword());
        return () -> signingKeystore;
    }
}
