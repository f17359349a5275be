package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.certflow.pki.CertificateAuthority;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

/**
 * With certflow's own CA signing the service mails, the page after the provisional application (the first signed
 * mail is on its way) tells the applicant how to trust the root, with the download link and its SHA-256
 * fingerprint, the install help explains it step by step, and every mail's footer links to it.
 */
@CertflowTest
class MailSignatureTrustTest {

    @LocalServerPort int port;
    @Autowired CertificateAuthority authority;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;

    @Test
    void thePageAfterTheProvisionalApplicationExplainsTrustingTheRoot() throws Exception {
        String sha256 = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(authority.rootCertificate().getEncoded()));
        String email = "trust.root@example.jp";
        PortalClient browser = new PortalClient(port);
        browser.get("/");
        HttpResponse<String> sent = browser.post("/apply", Map.of("obligationsAccepted", "true",
                "privacyNoticeAccepted", "true", "email", email, "emailConfirmation", email,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        String page = browser.get(sent.headers().firstValue("Location").orElseThrow()).body();
        assertThat(page).contains("仮申込を受け付けました").contains("メールの電子署名について")
                .contains("href=\"/pki/root-ca.crt\"").contains(sha256)
                .contains("href=\"/pickup/install#root-heading\"");

        assertThat(new PortalClient(port).get("/pickup/install").body())
                .contains("ルート証明書の信頼（電子署名付きメールの検証）").contains(sha256);

        driver.runDueJobs();
        assertThat(ReceivedMails.text(ReceivedMails.withSubject(greenMail, email,
                "MCCI電子証明書サービス 建築士免許証画像アップロードURL")))
                .contains("当サービスのルート証明書を信頼してください")
                .contains("http://localhost/pickup/install#root-heading");
    }
}
