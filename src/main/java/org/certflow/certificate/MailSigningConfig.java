package org.certflow.certificate;

import org.certflow.mail.MailSigning;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.MailSigningKeystore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Service mails are signed with the mail-signing certificate of certflow's own CA. */
@Configuration
class MailSigningConfig {

    @Bean
    MailSigning mailSigning(CertificateAuthority authority) {
        return () -> {
            MailSigningKeystore keystore = authority.mailSigningKeystore();
            return new MailSigning.SigningKeystore(keystore.pkcs12(), keystore.storePassword(), keystore.keyAlias(),
                    keystore.keyPassword());
        };
    }
}
