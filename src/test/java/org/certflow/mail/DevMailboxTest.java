package org.certflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

class DevMailboxTest {

    static final TestSigning signing = new TestSigning(MailSenderTest.FROM);

    GreenMail smtp;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();

        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        ThymeleafViewResolver views = new ThymeleafViewResolver();
        views.setTemplateEngine(engine);
        views.setCharacterEncoding("UTF-8");
        mvc = MockMvcBuilders.standaloneSetup(new DevMailboxController(smtp)).setViewResolvers(views).build();
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
    }

    void sendSampleMail() {
        MailSenderTest.senderTo(smtp.getSmtp().getPort(), signing).send(new OutgoingMail(
                "yamada.taro@example.jp", MailSenderTest.SUBJECT,
                "山田 様 <script>alert(1)</script>\n本申込フォーム: https://certflow.example/apply?token=abc&step=2。\n",
                List.of(new OutgoingMail.Attachment("請求書.pdf", MailSenderTest.PDF, "application/pdf"))));
    }

    @Test
    void listsReceivedMail() throws Exception {
        sendSampleMail();

        String page = mvc.perform(get("/dev/mailbox"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains(MailSenderTest.SUBJECT, "yamada.taro@example.jp", "href=\"/dev/mailbox/0\"",
                "あり", "/css/dev-mailbox.css");
        assertThat(page).doesNotContain("<style", "style=");
    }

    @Test
    void showsBodyLinksAndAttachmentsEscaped() throws Exception {
        sendSampleMail();

        String page = mvc.perform(get("/dev/mailbox/0"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>")
                .contains("href=\"https://certflow.example/apply?token=abc&amp;step=2\"")
                .contains("href=\"/dev/mailbox/0/attachments/0\"", "請求書.pdf", "jcan-secretariat@mcci.or.jp");
    }

    @Test
    void downloadsAttachmentAndRawMessage() throws Exception {
        sendSampleMail();

        mvc.perform(get("/dev/mailbox/0/attachments/0"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition",
                        org.hamcrest.Matchers.startsWith("attachment;")))
                .andExpect(content().bytes(MailSenderTest.PDF));
        mvc.perform(get("/dev/mailbox/0/attachments/1")).andExpect(status().isNotFound());
        mvc.perform(get("/dev/mailbox/7")).andExpect(status().isNotFound());

        byte[] raw = mvc.perform(get("/dev/mailbox/0/raw"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "message/rfc822"))
                .andReturn().getResponse().getContentAsByteArray();
        MimeMessage reparsed = new MimeMessage(null, new ByteArrayInputStream(raw));
        SMIMESigned signed = new SMIMESigned((MimeMultipart) reparsed.getContent());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signing.signingCertificate())))
                .isTrue();
    }

    @Test
    void existsOnlyWithoutSmtpHost() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int freePort = port;
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withUserConfiguration(DevMailboxConfiguration.class, DevMailboxController.class, MailSender.class)
                .withBean(MailSigning.class, () -> signing)
                .withBean(MailProperties.class, () -> new MailProperties(MailSenderTest.FROM, "MCCI電子証明書サービス",
                        freePort));

        runner.run(context -> {
            assertThat(context).hasSingleBean(GreenMail.class).hasSingleBean(DevMailboxController.class);
            assertThat(context.getBean(GreenMail.class).getSmtp().getPort()).isEqualTo(freePort);
            context.getBean(MailSender.class).send(new OutgoingMail("yamada.taro@example.jp", "件名", "本文"));
            assertThat(context.getBean(GreenMail.class).getReceivedMessages()).hasSize(1);
        });
        runner.withPropertyValues("spring.mail.host=smtp.example.jp").run(context -> assertThat(context)
                .doesNotHaveBean(GreenMail.class)
                .doesNotHaveBean(DevMailboxController.class));
        // an SMTP host forgotten in production must not bring up a page full of applicants' one-time links
        runner.withPropertyValues("spring.profiles.active=production").run(context -> assertThat(context)
                .doesNotHaveBean(GreenMail.class)
                .doesNotHaveBean(DevMailboxController.class));
    }
}
