package org.certflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

/** What {@link PortalFuzzIT} found, each replayed on its own. */
@CertflowTest
class FuzzFindingsTest {

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver driver;
    @Autowired
    JdbcClient jdbc;

    @Test
    void multipartBodyWithTooManyPartsGetsAPageInsteadOfAServerError() {
        FuzzBrowser browser = loggedInApplicant();
        List<FuzzBrowser.Part> parts = new ArrayList<>(List.of(FuzzBrowser.Part.field("_csrf", browser.csrf()),
                FuzzBrowser.Part.field("familyName", "山田")));
        for (int i = 0; i < 200; i++) {
            parts.add(FuzzBrowser.Part.field("extra" + i, "x"));
        }
        Object before = storedApplications();

        FuzzBrowser.Answer answer = browser.multipart("/application", parts);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("送信内容を読み取れませんでした");
        assertThat(storedApplications()).isEqualTo(before);
    }

    @Test
    void multipartBodyWithoutItsBoundaryGetsAPageInsteadOfAServerError() {
        FuzzBrowser browser = loggedInApplicant();
        byte[] body = FuzzBrowser.multipartBody("abc", List.of(FuzzBrowser.Part.field("_csrf", browser.csrf())), true);

        FuzzBrowser.Answer answer = browser.post("/application", "multipart/form-data", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("送信内容を読み取れませんでした");
    }

    @Test
    void fileNameWithANulByteGetsAPageInsteadOfAServerError() {
        FuzzBrowser browser = loggedInApplicant();
        Object before = storedApplications();

        FuzzBrowser.Answer answer = browser.multipart("/application", List.of(
                FuzzBrowser.Part.field("_csrf", browser.csrf()), FuzzBrowser.Part.field("familyName", "山田"),
                new FuzzBrowser.Part("licenceImage", "licence\u0000.png", "image/png", new byte[] {(byte) 0x89, 'P'})));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("送信内容を読み取れませんでした");
        assertThat(storedApplications()).isEqualTo(before);
    }

    @Test
    void submitPressedTwiceAtOnceSendsTheApplicationOnceWithoutAServerError() {
        for (int attempt = 0; attempt < 5; attempt++) {
            FuzzBrowser browser = loggedInApplicant();
            List<FuzzBrowser.Part> form = new ArrayList<>(List.of(FuzzBrowser.Part.field("_csrf", browser.csrf()),
                    new FuzzBrowser.Part("licenceImage", "licence.png", "image/png",
                            new FuzzInput(new Random(attempt)).goodPng())));
            FuzzInput.GOOD_DETAILS.forEach((name, value) -> form.add(FuzzBrowser.Part.field(name, value)));
            assertThat(browser.multipart("/application", form).location()).endsWith("/application/confirm");
            browser.get("/application/distribution-letter.pdf");
            browser.get("/application/confirm");
            List<Map.Entry<String, String>> csrf = List.of(Map.entry("_csrf", browser.csrf()));

            List<CompletableFuture<FuzzBrowser.Answer>> clicks = List.of(
                    CompletableFuture.supplyAsync(() -> browser.form("/application/submit", csrf)),
                    CompletableFuture.supplyAsync(() -> browser.form("/application/submit", csrf)));

            for (CompletableFuture<FuzzBrowser.Answer> click : clicks) {
                FuzzBrowser.Answer answer = click.join();
                assertThat(answer.status()).as(answer.body()).isEqualTo(302);
                assertThat(answer.location()).endsWith("/application/submitted");
            }
        }
        driver.runDueJobs();
        assertThat(jdbc.sql("""
                select count(*) from application a where a.email like 'finding-%' and a.status = 'AWAITING_PAYMENT'
                """).query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("""
                select count(*) from application a where a.email like 'finding-%' and a.status = 'AWAITING_PAYMENT'
                    and (select count(*) from mail_log m where m.application_id = a.id) <> 3
                """).query(Long.class).single()).as("applications with other than one confirmation and invoice")
                .isZero();
    }

    @Test
    void nameTheLetterCannotPrintIsRefusedAtTheFormInsteadOfFailingTheLetter() {
        FuzzBrowser browser = loggedInApplicant();
        List<FuzzBrowser.Part> form = new ArrayList<>(List.of(FuzzBrowser.Part.field("_csrf", browser.csrf()),
                new FuzzBrowser.Part("licenceImage", "licence.png", "image/png", new FuzzInput(new Random(1)).goodPng()),
                new FuzzBrowser.Part("familyName", null, null, new byte[] {(byte) 0xE5, (byte) 0xB1, 'X'}),
                FuzzBrowser.Part.field("firstName", "太郎😀")));
        FuzzInput.GOOD_DETAILS.forEach((name, value) -> {
            if (!name.endsWith("Name")) {
                form.add(FuzzBrowser.Part.field(name, value));
            }
        });
        Object before = storedApplications();

        FuzzBrowser.Answer refused = browser.multipart("/application", form);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("使用できない文字（絵文字・制御文字・外字など）が含まれています");
        assertThat(storedApplications()).isEqualTo(before);
        assertThat(browser.get("/application/distribution-letter.pdf").status()).isEqualTo(404);
    }

    @Test
    void largeUploadRefusedBeforeItIsReadStillGetsItsAnswer() {
        FuzzBrowser browser = loggedInApplicant();
        byte[] body = FuzzBrowser.multipartBody("abc", List.of(FuzzBrowser.Part.field("_csrf", browser.csrf()),
                new FuzzBrowser.Part("licenceImage", "licence.png", "image/png", new byte[4 * 1024 * 1024])), true);

        for (int attempt = 0; attempt < 20; attempt++) {
            FuzzBrowser.Answer answer = browser.post("/application", "multipart/form-data; boundary=other", body);

            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.body()).contains("ページの有効期限が切れました").contains("</html>");
        }
    }

    private Object storedApplications() {
        return jdbc.sql("select id, status, updated_at from application order by id").query().listOfRows();
    }

    /** Through the provisional application and the mailed link, with the main application form open. */
    private FuzzBrowser loggedInApplicant() {
        FuzzBrowser browser = new FuzzBrowser(port);
        browser.get("/");
        String email = "finding-" + UUID.randomUUID().toString().substring(0, 8) + "@fuzz.example.jp";
        assertThat(browser.form("/apply", List.of(Map.entry("obligationsAccepted", "true"), Map.entry("privacyNoticeAccepted", "true"), Map.entry("email", email),
                Map.entry("emailConfirmation", email), Map.entry("qualification", "FIRST_CLASS_ARCHITECT"),
                Map.entry("_csrf", browser.csrf()))).status()).isEqualTo(302);
        driver.runDueJobs();
        String link = ReceivedMails.firstLink(ReceivedMails.to(greenMail, email).get(0));
        String path = link.substring(link.indexOf("/link/"));
        browser.get(path);
        assertThat(browser.form(path, List.of(Map.entry("_csrf", browser.csrf()))).status()).isEqualTo(302);
        assertThat(browser.get("/application").body()).contains("_csrf");
        return browser;
    }
}
