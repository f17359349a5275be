package org.certflow.mail;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.simplejavamail.api.email.ContentTransferEncoding;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.api.email.config.SmimeSigningConfig;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.converter.EmailConverter;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends one S/MIME-signed mail synchronously through SMTP.
 * <p>
 * The SMTP server is Spring Boot's {@code spring.mail.host}, {@code port} (default 25), {@code username} and
 * {@code password}; STARTTLS is required (with server certificate validation) when
 * {@code spring.mail.properties.mail.smtp.starttls.enable=true}, otherwise the connection is plain SMTP. Without
 * {@code spring.mail.host} mail goes to the embedded dev SMTP server on
 * {@code 127.0.0.1:certflow.mail.embedded-smtp-port}.
 */
@Component
// Boot binds spring.mail.* only once a host is set; the default run needs them bound without one
@EnableConfigurationProperties(org.springframework.boot.autoconfigure.mail.MailProperties.class)
public class MailSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailSender.class);
    private static final String STARTTLS = "mail.smtp.starttls.enable";
    private static final Pattern NAME_IN_SUBJECT = Pattern.compile("BN-\\S+");
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^\\s<>\"'(),;:\\[\\]]+@[^\\s<>\"'(),;:\\[\\]]+\\.[^\\s<>\"'(),;:\\[\\]]+");

    private final MailProperties properties;
    private final MailSigning signing;
    private final AtomicReference<Signer> signer = new AtomicReference<>();
    private final String server;
    private final Mailer mailer;

    public MailSender(MailProperties properties, org.springframework.boot.autoconfigure.mail.MailProperties smtp,
                      MailSigning signing) {
        this.properties = properties;
        this.signing = signing;
        String host = smtp.getHost();
        if (StringUtils.hasText(host)) {
            int port = smtp.getPort() == null ? 25 : smtp.getPort();
            boolean startTls = Boolean.parseBoolean(smtp.getProperties().get(STARTTLS));
            this.server = host + ":" + port;
            this.mailer = buildMailer(host, port, smtp.getUsername(), smtp.getPassword(), startTls);
            log.info("Mail goes to SMTP server {} ({})", server, startTls ? "STARTTLS required" : "plain SMTP");
        } else {
            // the dev server binds 127.0.0.1 only; "localhost" may resolve to ::1 first
            this.server = "127.0.0.1:" + properties.embeddedSmtpPort();
            this.mailer = buildMailer("127.0.0.1", properties.embeddedSmtpPort(), null, null, false);
            log.info("Mail goes to the embedded dev SMTP server on {}", server);
        }
    }

    private static Mailer buildMailer(String host, int port, String username, String password, boolean startTls) {
        var builder = MailerBuilder
                .withSMTPServer(host, port, emptyToNull(username), emptyToNull(password))
                .withTransportStrategy(startTls ? TransportStrategy.SMTP_TLS : TransportStrategy.SMTP)
                .withSessionTimeout(30_000)
                // Simple Java Mail trusts every TLS certificate unless told otherwise
                .trustingAllHosts(false)
                .verifyingServerIdentity(true);
        if (!startTls) {
            // Simple Java Mail's SMTP strategy tries STARTTLS without validating the certificate; plain means plain.
            builder.withProperty(STARTTLS, "false");
        }
        return builder.buildMailer();
    }

    /**
     * Signs and sends the mail; returns once the SMTP server has accepted it.
     *
     * @throws MailDeliveryException when the SMTP server cannot be reached or refuses the mail
     * @throws IllegalArgumentException when the recipient is not one valid address
     * @throws IllegalStateException when the signing keystore cannot be used
     */
    public void send(OutgoingMail mail) {
        send(mail, null);
    }

    /**
     * Sends as {@link #send(OutgoingMail)} does, under the given Message-ID when there is one: a copy sent again
     * after a crash then carries the first one's ID, so mail clients show it once.
     */
    public void send(OutgoingMail mail, String messageId) {
        InternetAddress recipient = parseRecipient(mail.to());
        MailSigning.TokenKey tokenKey = signing.tokenKey();
        EmailPopulatingBuilder builder = EmailBuilder.startingBlank()
                .from(properties.fromName(), properties.from())
                .to(recipient)
                .withSubject(mail.subject())
                .withPlainText(mail.textBody());
        if (tokenKey == null) {
            builder.signWithSmime(signer().config());
        }
        for (OutgoingMail.Attachment attachment : mail.attachments()) {
            // base64 always: an all-ASCII file would otherwise go as 7bit and S/MIME canonicalisation turns its
            // LF into CRLF, which corrupts e.g. a PDF's byte offsets
            builder.withAttachment(asciiFileName(attachment.fileName()), attachment.content(),
                    attachment.mimeType(), null, ContentTransferEncoding.BASE_64);
        }
        if (messageId != null) {
            builder.fixingMessageId(messageId);
        }
        Email email = builder.buildEmail();
        MimeMessage signedInToken = tokenKey == null ? null : signedInToken(email, tokenKey);
        try {
            if (signedInToken == null) {
                mailer.sendMail(email).join();
            } else {
                Transport.send(signedInToken);
            }
        } catch (RuntimeException | MessagingException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            // what Cockpit and the log show: neither the recipient nor the applicant's name in a pickup mail's
            // subject, and not the cause itself, whose messages may repeat the SMTP server's answer naming the address
            throw new MailDeliveryException("SMTP server " + server + " did not accept the mail \""
                    + withoutNames(mail.subject()) + "\": " + withoutNames(withoutAddresses(describe(cause))), null);
        }
    }

    /**
     * The mail signed with a key that stays in a PKCS#11 token: Simple Java Mail signs with Bouncy Castle's provider,
     * which needs the key's value, so here Bouncy Castle builds the S/MIME structure (as Simple Java Mail does:
     * multipart/signed, SHA-256 with RSA) while the token's provider makes the signature. The Message-ID of the
     * unsigned message (a fixed one included) is kept.
     */
    private MimeMessage signedInToken(Email email, MailSigning.TokenKey key) {
        try {
            Session session = mailer.getSession();
            MimeMessage unsigned = EmailConverter.emailToMimeMessage(email, session);
            SMIMESignedGenerator generator = new SMIMESignedGenerator();
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                    .setProvider(key.provider())
                    .build(key.privateKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA",
                            key.privateKey(), key.chain().get(0)));
            generator.addCertificates(new JcaCertStore(key.chain()));
            MimeMultipart signed = generator.generate(unsigned);
            String messageId = unsigned.getMessageID();
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    if (messageId == null) {
                        super.updateMessageID();
                    } else {
                        setHeader("Message-ID", messageId);
                    }
                }
            };
            for (java.util.Enumeration<Header> headers = unsigned.getAllHeaders(); headers.hasMoreElements(); ) {
                Header header = headers.nextElement();
                if (!header.getName().regionMatches(true, 0, "Content-", 0, "Content-".length())) {
                    message.addHeader(header.getName(), header.getValue());
                }
            }
            message.setContent(signed, signed.getContentType());
            message.saveChanges();
            return message;
        } catch (MessagingException | GeneralSecurityException | OperatorCreationException
                 | org.bouncycastle.mail.smime.SMIMEException e) {
            throw new IllegalStateException("the mail cannot be signed with the key in the PKCS#11 token", e);
        }
    }

    /**
     * Simple Java Mail copies the file name raw into the part's Content-Type header. Raw UTF-8 there is
     * garbled when the signed part is re-read, and any relay that rewrites 8-bit headers would break the
     * signature, so a Japanese name goes out as an RFC 2047 encoded word, which mail clients decode.
     */
    static String asciiFileName(String fileName) {
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(fileName)) {
            return fileName;
        }
        try {
            return MimeUtility.encodeText(fileName, "UTF-8", "B").replace("\r\n", "");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InternetAddress parseRecipient(String to) {
        try {
            // one strictly parsed address: "a@x, b@y" must not turn into two recipients
            InternetAddress address = new InternetAddress(to, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            // not the parser's message nor its exception: both repeat the address
            throw new IllegalArgumentException("Not a single valid mail address");
        }
    }

    /**
     * The signing configuration of the current keystore. Opening the keystore derives its key slowly on purpose, so
     * it is opened once per keystore the CA hands out (a new one only when it renews the mail-signing certificate);
     * Simple Java Mail keeps the opened key for keystores equal to one it has seen.
     */
    private Signer signer() {
        MailSigning.SigningKeystore keystore = signing.keystore();
        return signer.updateAndGet(current -> current != null && current.keystore() == keystore ? current
                : new Signer(keystore, SmimeSigningConfig.builder()
                        .pkcs12Config(keystore.pkcs12(), keystore.storePassword(), keystore.keyAlias(),
                                keystore.keyPassword())
                        .signatureAlgorithm(signatureAlgorithm(keystore))
                        .build()));
    }

    private record Signer(MailSigning.SigningKeystore keystore, SmimeSigningConfig config) {
    }

    /** The signature algorithm must match the key type; the CA may issue RSA or EC signing keys. */
    private static String signatureAlgorithm(MailSigning.SigningKeystore keystore) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(keystore.pkcs12()), chars(keystore.storePassword()));
            Key key = store.getKey(keystore.keyAlias(), chars(keystore.keyPassword()));
            if (key == null) {
                throw new IllegalStateException("Mail signing keystore has no key entry '" + keystore.keyAlias() + "'");
            }
            return switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC", "ECDSA" -> "SHA256withECDSA";
                default -> throw new IllegalStateException(
                        "Unsupported mail signing key algorithm " + key.getAlgorithm());
            };
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Mail signing keystore cannot be read: " + e.getMessage(), e);
        }
    }

    private static char[] chars(String s) {
        return s == null ? null : s.toCharArray();
    }

    private static String emptyToNull(String s) {
        return StringUtils.hasText(s) ? s : null;
    }

    /** A pickup mail's subject ends in {@code BN-<FamilyName>.<FirstName>}, the applicant's romaji name. */
    static String withoutNames(String subject) {
        return NAME_IN_SUBJECT.matcher(subject).replaceAll("BN-…");
    }

    static String withoutAddresses(String text) {
        return MAIL_ADDRESS.matcher(text).replaceAll("<address>");
    }

    private static String describe(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null && text.length() < 500; c = c.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                text.append(": ").append(c.getMessage());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return text.toString();
    }

    @Override
    public void destroy() throws Exception {
        mailer.close();
    }
}
