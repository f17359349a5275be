package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.certflow.support.CertflowTest;
import org.certflow.support.ManyScanJpeg;
import org.certflow.support.OneColourPng;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

/**
 * An applicant's upload of a few hundred kilobytes whose header announces pixels worth hundreds of megabytes, or a
 * few kilobytes that take a core for minutes to decode: the form answers at once with a message next to the image
 * field, and keeps what was typed.
 */
@CertflowTest
class LicenceImageBombTest {

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver driver;

    @Test
    void aSmallPngOfSixteenBitPixelsWorthHundredsOfMegabytesIsRefusedWithAMessage() {
        PortalClient browser = new PortalClient(port);
        openMainApplicationForm(browser, "bomb.journey@example.jp");
        byte[] bomb = OneColourPng.of(6_000, 4_000, 16, OneColourPng.RGBA);
        assertThat(bomb.length).isLessThan(400 * 1024);

        long started = System.nanoTime();
        HttpResponse<String> refused = browser.postMultipart("/application", Map.of("familyName", "山田",
                "officeName", "山田建築設計事務所"), "licenceImage", "licence.png", "image/png", bomb);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("画像の画素数と色の深さの組合せが大きすぎます")
                .contains("value=\"山田建築設計事務所\"");
    }

    @Test
    void aJpegOfAThousandEmptyScansThatWouldTakeACoreForHalfAMinuteIsRefusedAtOnce() {
        PortalClient browser = new PortalClient(port);
        openMainApplicationForm(browser, "scans.journey@example.jp");
        byte[] bomb = ManyScanJpeg.of(4_000, 6_000, 1_000);

        long started = System.nanoTime();
        HttpResponse<String> refused = browser.postMultipart("/application", Map.of("familyName", "山田",
                "officeName", "山田建築設計事務所"), "licenceImage", "licence.jpg", "image/jpeg", bomb);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("この画像は読み取りに時間がかかりすぎる形式です")
                .contains("value=\"山田建築設計事務所\"");
    }

    private void openMainApplicationForm(PortalClient browser, String email) {
        browser.get("/");
        browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true", "email", email, "emailConfirmation", email,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        driver.runDueJobs();
        String link = ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, email,
                "MCCI電子証明書サービス 建築士免許証画像アップロードURL")).replace("http://localhost", "http://localhost:" + port);
        browser.get(link);
        browser.post(link, Map.of());
        browser.get("/application");
    }
}
