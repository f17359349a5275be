package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.ClientCertificateRequest;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.StaffApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

/**
 * The mail address and the romaji names are checked by one rule each, where they are typed (portal, Tasklist's
 * start form) and where they are certified (the CA). Each value here was taken when typed and refused by the CA at
 * pickup, after the applicant had paid; now it is refused at once, with a message in Japanese.
 */
@CertflowTest
class ApplicantDataRulesTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final String WRONG_ADDRESS = "メールアドレスの形式が正しくありません";

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;
    @Autowired StaffApi api;
    @Autowired JdbcClient jdbc;
    @Autowired CertificateAuthority authority;

    @Test
    void tasklistsStartFormRefusesAnAddressTheCaWouldNotCertify() throws Exception {
        String doubleDot = "taro..counter@example.jp";
        assertThatThrownBy(() -> authority.issue(request("Yamada", "Taro", doubleDot)))
                .as("the CA never certified it").isInstanceOf(IllegalArgumentException.class);

        HttpResponse<String> refused = startAtTheCounter(doubleDot);
        assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body()).contains(WRONG_ADDRESS);
        assertThat(applicationsFor(doubleDot)).isZero();

        String plus = "taro.counter+ca@example.jp";
        assertThat(startAtTheCounter(plus).statusCode()).isEqualTo(200);
        assertThat(applicationsFor(plus)).isOne();
        assertThat(authority.issue(request("Yamada", "Taro", plus)).certificate()
                .getSubjectAlternativeNames()).containsExactly(List.of(1, plus));
    }

    @Test
    void portalRefusesAnAddressTheCaWouldNotCertify() {
        String trailingDot = "taro.@example.jp";
        assertThatThrownBy(() -> authority.issue(request("Yamada", "Taro", trailingDot)))
                .isInstanceOf(IllegalArgumentException.class);

        PortalClient browser = new PortalClient(port);
        browser.get("/");
        HttpResponse<String> refused = browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true",
                "email", trailingDot, "emailConfirmation", trailingDot, "qualification", "FIRST_CLASS_ARCHITECT"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains(WRONG_ADDRESS);
        assertThat(applicationsFor(trailingDot)).isZero();
    }

    @Test
    void portalRefusesRomajiNamesTooLongForTheCertificate() throws Exception {
        String family = "Wolfeschlegelsteinhausenbergerdorffwelche";
        String first = "Adolphblainecharlesdavidearl";
        assertThatThrownBy(() -> authority.issue(request(family, first, "long.name@example.jp")))
                .as("the common name would exceed 64 characters").isInstanceOf(IllegalArgumentException.class);

        PortalClient browser = new PortalClient(port);
        String email = "long.name@example.jp";
        browser.get("/");
        browser.post("/apply", Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true", "email", email, "emailConfirmation", email,
                "qualification", "FIRST_CLASS_ARCHITECT"));
        driver.runDueJobs();
        String link = ReceivedMails.firstLink(ReceivedMails.withSubject(greenMail, email,
                SERVICE + " 建築士免許証画像アップロードURL")).replace("http://localhost", "http://localhost:" + port);
        browser.get(link);
        browser.post(link, Map.of());
        browser.get("/application");

        HttpResponse<String> refused = browser.postMultipart("/application", details(family, first),
                "licenceImage", "licence.png", "image/png", CertificateJourneyTest.png());
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("ローマ字の名と姓は合わせて63文字以内で入力してください。");

        HttpResponse<String> saved = browser.postMultipart("/application", details("Yamada", "Taro"),
                "licenceImage", "licence.png", "image/png", CertificateJourneyTest.png());
        assertThat(saved.statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> startAtTheCounter(String email) throws Exception {
        return api.call("POST", "/engine-rest/process-definition/key/certificate-application/submit-form", "ra-admin",
                "{\"variables\":{\"email\":{\"value\":\"" + email + "\",\"type\":\"String\"},"
                        + "\"qualification\":{\"value\":\"FIRST_CLASS_ARCHITECT\",\"type\":\"String\"}}}");
    }

    private long applicationsFor(String email) {
        return jdbc.sql("select count(*) from application where email = :email").param("email", email)
                .query(Long.class).single();
    }

    private static ClientCertificateRequest request(String family, String first, String email) {
        return new ClientCertificateRequest(family, first, email, "ACT1-123456", 1);
    }

    private static Map<String, String> details(String familyNameRomaji, String firstNameRomaji) {
        Map<String, String> details = new HashMap<>(Map.ofEntries(Map.entry("familyName", "山田"),
                Map.entry("firstName", "太郎"), Map.entry("familyNameKana", "やまだ"),
                Map.entry("firstNameKana", "タロウ"), Map.entry("phone", "0263-32-5355"),
                Map.entry("postalCode", "390-0811"), Map.entry("address", "長野県松本市中央1-23-1"),
                Map.entry("registrationNumber", "123456"), Map.entry("validityYears", "1"),
                Map.entry("dateOfBirth", "1980-04-01"), Map.entry("officeName", "山田建築設計事務所"),
                Map.entry("chamberMember", "false")));
        details.put("familyNameRomaji", familyNameRomaji);
        details.put("firstNameRomaji", firstNameRomaji);
        return details;
    }
}
