package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.LicenceImage;
import org.certflow.application.Qualification;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.throttle.Throttle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

/**
 * What somebody who reads certflow's tables (a stolen backup, an insider with SQL) learns, and what they can do by
 * writing them: licence images are ciphertext bound to their application, and the throttle's keys are no hashes that
 * trying every IPv4 address would reverse.
 */
@CertflowTest
class DataAtRestTest {

    private static final String EMAIL = "at-rest@example.jp";
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver driver;
    @Autowired
    ApplicationRepository applications;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Throttle throttle;
    @Autowired
    org.certflow.portal.PortalSubmissions submissions;

    @Test
    void anImageUploadedOnThePortalIsStoredEncryptedAndShownAsItWas() throws Exception {
        PortalClient browser = new PortalClient(port);
        browser.get("/");
        browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true",
                "email", EMAIL, "emailConfirmation", EMAIL,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        driver.runDueJobs();
        String link = ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, EMAIL,
                "MCCI電子証明書サービス 建築士免許証画像アップロードURL")).replace("http://localhost", "http://localhost:" + port);
        browser.get(link);
        browser.post(link, Map.of());
        browser.get("/application");
        byte[] png = png();
        assertThat(browser.postMultipart("/application", details(), "licenceImage", "licence.png", "image/png", png)
                .statusCode()).isEqualTo(302);

        long applicationId = jdbc.sql("select id from application where email = :email").param("email", EMAIL)
                .query(Long.class).single();
        Map<String, Object> row = jdbc.sql("select content, key_id, size_bytes from licence_image"
                + " where application_id = :id").param("id", applicationId).query().singleRow();
        byte[] stored = (byte[]) row.get("content");
        assertThat(row.get("key_id")).isEqualTo("test-1");
        assertThat(indexOf(stored, PNG_MAGIC)).as("no PNG signature in the stored bytes").isNegative();
        assertThat(indexOf(stored, "IHDR".getBytes(StandardCharsets.US_ASCII))).isNegative();
        assertThat(indexOf(stored, Arrays.copyOfRange(png, 16, 48))).as("no run of the image").isNegative();
        assertThat(((Number) row.get("size_bytes")).intValue()).isEqualTo(png.length);

        assertThat(browser.getBytes("/application/licence-image").body()).as("the applicant's preview")
                .isEqualTo(png);
        assertThat(applications.findLicenceImage(applicationId).orElseThrow().content()).isEqualTo(png);
    }

    @Test
    void anImageCopiedOntoAnotherApplicationsRowDoesNotOpen() {
        Application victim = submissions.applyProvisionally("copy-victim@example.jp", Qualification.OTHER);
        Application other = submissions.applyProvisionally("copy-other@example.jp", Qualification.OTHER);
        LicenceImage image = new LicenceImage("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}, 1, 1);
        applications.saveLicenceImage(victim.id(), image, Instant.now());
        applications.saveLicenceImage(other.id(), image, Instant.now());

        jdbc.sql("""
                update licence_image set content = (select content from licence_image where application_id = :from)
                where application_id = :to
                """).param("from", victim.id()).param("to", other.id()).update();

        assertThatThrownBy(() -> applications.findLicenceImage(other.id()))
                .hasMessageContaining("application " + other.id()).hasMessageContaining("another application");
        assertThat(applications.findLicenceImage(victim.id()).orElseThrow().content()).isEqualTo(image.content());
    }

    @Test
    void theThrottleKeepsNeitherTheClientAddressNorItsPlainHash() throws Exception {
        submissions.applyProvisionally("throttle-key@example.jp", Qualification.OTHER);
        PortalClient browser = new PortalClient(port);
        browser.get("/");
        browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true",
                "email", "throttle-key@example.jp",
                "emailConfirmation", "throttle-key@example.jp", "qualification", "OTHER"));

        List<String> keys = jdbc.sql("select throttle_key from throttle").query(String.class).list();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("127.0.0.1".getBytes(StandardCharsets.UTF_8)), 0, 16);
        assertThat(keys).contains(throttle.key("provisional-client", "127.0.0.1"))
                .noneMatch(key -> key.contains("127.0.0.1"))
                .noneMatch(key -> key.contains(sha256))
                .noneMatch(key -> key.contains("throttle-key"));
    }

    private static Map<String, String> details() {
        return Map.ofEntries(Map.entry("familyName", "保存"), Map.entry("firstName", "花子"),
                Map.entry("familyNameKana", "ほぞん"), Map.entry("firstNameKana", "ハナコ"),
                Map.entry("familyNameRomaji", "hozon"), Map.entry("firstNameRomaji", "hanako"),
                Map.entry("phone", "0263-32-5355"), Map.entry("postalCode", "390-0811"),
                Map.entry("address", "長野県松本市中央1-23-1"), Map.entry("registrationNumber", "第２４６８０号"),
                Map.entry("validityYears", "1"), Map.entry("dateOfBirth", "１９８０年４月１日"),
                Map.entry("officeName", "保存設計"), Map.entry("chamberMember", "false"));
    }

    /** A picture with some content, so that runs of its bytes are distinctive. */
    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(160, 100, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(10, 10, 140, 80);
        graphics.setColor(Color.BLUE);
        graphics.drawString("ACT1-24680", 20, 50);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
