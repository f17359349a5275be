package org.certflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.certflow.support.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MailSenderTest {

    static final String FROM = "jcan-secretariat@mcci.or.jp";
    static final String SUBJECT = "MCCI電子証明書サービス 登録内容確認";
    static final byte[] PDF = "%PDF-1.4\n% test invoice\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    static final TestSigning signing = new TestSigning(FROM);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static MailProperties properties() {
        return new MailProperties(FROM, "MCCI電子証明書サービス", 2525);
    }

    static MailSender senderTo(int port) {
        return senderTo(port, signing);
    }

    static MailSender senderTo(int port, MailSigning signing) {
        org.springframework.boot.autoconfigure.mail.MailProperties smtp =
                new org.springframework.boot.autoconfigure.mail.MailProperties();
        smtp.setHost("127.0.0.1");
        smtp.setPort(port);
        return new MailSender(properties(), smtp, signing);
    }

    @Test
    void sendsSignedMailWithJapaneseSubjectAndAttachment(@TempDir Path dir) throws Exception {
        MailSender sender = senderTo(greenMail.getSmtp().getPort());

        sender.send(new OutgoingMail("yamada.taro@example.jp", SUBJECT,
                "山田 太郎 様\n\nお申込みを受け付けました。\nhttps://certflow.example/portal/status\n",
                List.of(new OutgoingMail.Attachment("請求書.pdf", PDF, "application/pdf"))));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo(SUBJECT);
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo(FROM);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("MCCI電子証明書サービス");

        ContentType contentType = new ContentType(message.getContentType());
        assertThat(contentType.getBaseType()).isEqualToIgnoringCase("multipart/signed");
        assertThat(contentType.getParameter("protocol")).isEqualTo("application/pkcs7-signature");

        SMIMESigned signed = new SMIMESigned((MimeMultipart) message.getContent());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder embedded = (X509CertificateHolder) signed.getCertificates()
                .getMatches(signer.getSID()).iterator().next();
        assertThat(embedded.getEncoded()).isEqualTo(signing.signingCertificate().getEncoded());
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signing.signingCertificate())))
                .isTrue();

        List<Part> leaves = new ArrayList<>();
        collectLeaves(signed.getContent(), leaves);
        assertThat(leaves).anySatisfy(part -> {
            assertThat(part.isMimeType("text/plain")).isTrue();
            assertThat((String) part.getContent()).contains("お申込みを受け付けました。");
        });
        assertThat(leaves).anySatisfy(part -> {
            assertThat(part.getFileName()).isNotNull();
            assertThat(MimeUtility.decodeText(part.getFileName())).isEqualTo("請求書.pdf");
            assertThat(part.isMimeType("application/pdf")).isTrue();
            try (InputStream in = part.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(PDF);
            }
        });

        verifyWithOpenssl(message, dir);
    }

    /** The signing key is opened once, not per mail, yet a renewed mail-signing certificate signs the next mail. */
    @Test
    void aRenewedSigningCertificateSignsTheNextMail() throws Exception {
        TestSigning renewed = new TestSigning(FROM);
        AtomicReference<TestSigning> current = new AtomicReference<>(signing);
        MailSender sender = senderTo(greenMail.getSmtp().getPort(), () -> current.get().keystore());

        sender.send(new OutgoingMail("yamada.taro@example.jp", SUBJECT, "一通目"));
        sender.send(new OutgoingMail("yamada.taro@example.jp", SUBJECT, "二通目"));
        current.set(renewed);
        sender.send(new OutgoingMail("yamada.taro@example.jp", SUBJECT, "三通目"));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(signerOf(received[0])).isEqualTo(signing.signingCertificate().getEncoded());
        assertThat(signerOf(received[1])).isEqualTo(signing.signingCertificate().getEncoded());
        assertThat(signerOf(received[2])).isEqualTo(renewed.signingCertificate().getEncoded());
    }

    private static byte[] signerOf(MimeMessage message) throws Exception {
        SMIMESigned signed = new SMIMESigned((MimeMultipart) message.getContent());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder embedded = (X509CertificateHolder) signed.getCertificates()
                .getMatches(signer.getSID()).iterator().next();
        return embedded.getEncoded();
    }

    @Test
    void reportsSmtpFailureWithReadableMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailSender sender = senderTo(closedPort);

        assertThatThrownBy(() -> sender.send(new OutgoingMail("yamada.taro@example.jp", SUBJECT, "本文")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining(SUBJECT);
    }

    /** The failure becomes a Cockpit incident and a log line: no applicant's address or name in either. */
    @Test
    void aFailureNamesNeitherTheRecipientNorTheApplicant() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailSender sender = senderTo(closedPort);

        assertThatThrownBy(() -> sender.send(new OutgoingMail("saginuma.r@example.jp",
                "電子証明書取得のお願い/ PBJ10000001 : BN-Saginuma.Ruriko", "本文")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("電子証明書取得のお願い/ PBJ10000001 : BN-…")
                .hasNoCause()
                .message().doesNotContainIgnoringCase("saginuma").doesNotContain("ruriko");
        assertThat(MailSender.withoutAddresses("550 5.1.1 <saginuma.r@example.jp>: Recipient address rejected; "
                + "Message-ID <abc@certflow>"))
                .isEqualTo("550 5.1.1 <<address>>: Recipient address rejected; Message-ID <abc@certflow>");
        assertThatThrownBy(() -> sender.send(new OutgoingMail("saginuma.r@example.jp, x@example.jp", SUBJECT, "本文")))
                .hasNoCause().message().doesNotContain("saginuma");
    }

    @Test
    void refusesMoreThanOneRecipient() {
        MailSender sender = senderTo(greenMail.getSmtp().getPort());

        assertThatThrownBy(() -> sender.send(new OutgoingMail("a@example.jp, b@example.jp", SUBJECT, "本文")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static void collectLeaves(Part part, List<Part> leaves) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectLeaves(multipart.getBodyPart(i), leaves);
            }
        } else {
            leaves.add(part);
        }
    }

    private static void verifyWithOpenssl(MimeMessage message, Path dir) throws Exception {
        RequiredTools.openssl();
        Path eml = dir.resolve("mail.eml");
        Path ca = dir.resolve("ca.pem");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        Files.write(eml, raw.toByteArray());
        Files.writeString(ca, signing.caPem());

        Process verify = new ProcessBuilder("openssl", "smime", "-verify", "-in", eml.toString(),
                "-CAfile", ca.toString(), "-out", dir.resolve("content.txt").toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("Verification successful");
        assertThat(verify.exitValue()).isZero();
    }

}
