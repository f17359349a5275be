package org.certflow.certificate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import org.certflow.mail.MailProperties;
import org.certflow.mail.MailSigning;
import org.certflow.mail.MailSigningProperties;
import org.certflow.mail.PurchasedMailCertificate;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.MailSigningKeystore;
import org.certflow.pki.TokenSigningKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Service mails are signed with the mail-signing certificate of certflow's own CA. The keystore is built once
 * per certificate: packing it derives keys slowly on purpose, which no mail should wait for. When the CA renews
 * the certificate (at start, or while running, by the model {@code crl-publication}), the next mail takes the
 * new one. With the CA keys in a PKCS#11 token the mail-signing key is there too, and each mail is signed by the
 * token. When the operator set a bought certificate ({@code certflow.mail.signing.keystore}), that one signs
 * every mail instead, checked once at start.
 */
@Configuration
class MailSigningConfig {

    @Bean
    MailSigning mailSigning(ObjectProvider<CertificateAuthority> authorities, MailSigningProperties purchased,
                            MailProperties mail, Clock clock) {
        if (purchased.purchased()) {
            return PurchasedMailCertificate.load(purchased, mail.from(), clock.instant());
        }
        CertificateAuthority authority = authorities.getObject();
        if (authority.mailSigningKeyInToken()) {
            return new MailSigning() {
                @Override
                public SigningKeystore keystore() {
                    throw new IllegalStateException("the mail-signing key is in the PKCS#11 token: use tokenKey()");
                }

                @Override
                public TokenKey tokenKey() {
                    TokenSigningKey key = authority.mailSigningKey();
                    return new TokenKey(key.privateKey(), key.chain(), key.provider());
                }
            };
        }
        AtomicReference<Built> current = new AtomicReference<>();
        return () -> current.updateAndGet(built -> {
            X509Certificate certificate = authority.mailSigningCertificate();
            if (built != null && built.certificate().equals(certificate)) {
                return built;
            }
            MailSigningKeystore keystore = authority.mailSigningKeystore();
            return new Built(certificate, new MailSigning.SigningKeystore(keystore.pkcs12(),
                    keystore.storePassword(), keystore.keyAlias(), keystore.keyPassword()));
        }).keystore();
    }

    private record Built(X509Certificate certificate, MailSigning.SigningKeystore keystore) {
    }
}
