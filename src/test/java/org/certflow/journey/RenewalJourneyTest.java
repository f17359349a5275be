package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CertificatePickup;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.pki.CertificateAuthority;
import org.certflow.privacy.PrivacyConsents;
import org.certflow.privacy.PrivacyNotice;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.StaffApi;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Renewal over real HTTP and SMTP: the expiry notice's link opens a new application filled in from the old one, the
 * reviewer sees what it renews and what changed, and the old certificate stays valid after the new one's pickup
 * unless its holder asked to revoke it. The attacks on the link fail with a Japanese page.
 */
@CertflowTest
class RenewalJourneyTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Pattern RENEWAL_LINK = Pattern.compile("http://localhost/renewal/[A-Za-z0-9_-]{43}");
    private static final String PIN = "correct-horse-9";

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver driver;
    @Autowired
    TaskService taskService;
    @Autowired
    ApplicationRepository applications;
    @Autowired
    TestApplications testApplications;
    @Autowired
    CertificatePickup pickup;
    @Autowired
    CertificateRegistry registry;
    @Autowired
    CertificateAuthority authority;
    @Autowired
    StaffApi api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PrivacyConsents privacyConsents;
    @Autowired
    PrivacyNotice privacyNotice;

    @AfterEach
    void resetClock() {
        driver.resetClock();
    }

    @Test
    void renewalFromTheNoticeLeavesTheOldCertificateValidAfterThePickup() throws Exception {
        Application old = certificateAtFirstExpiryNotice("山田建築設計事務所");
        IssuedCertificate oldCertificate = registry.findCurrent(old.id()).orElseThrow();
        String notice = ReceivedMails.text(ReceivedMails.withSubject(greenMail, old.email(),
                SERVICE + " 有効期限のお知らせ(三ヶ月前)"));
        assertThat(notice).contains("更新申込URL").contains("一度だけ使用できます");
        String link = renewalLink(notice);

        PortalClient browser = new PortalClient(port);
        HttpResponse<String> landing = browser.get(link);
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains(oldCertificate.serialNumber()).contains("更新申込フォームへ進む");
        HttpResponse<String> unaccepted = browser.post(link, Map.of());
        assertThat(unaccepted.body()).contains("利用者の義務を確認し、同意してください");
        HttpResponse<String> noPrivacyConsent = browser.post(link, Map.of("obligationsAccepted", "true"));
        assertThat(noPrivacyConsent.body()).contains("個人情報の取扱いを確認し、同意してください")
                .doesNotContain("利用者の義務を確認し、同意してください");
        HttpResponse<String> started = browser.post(link, Map.of("obligationsAccepted", "true",
                "privacyNoticeAccepted", "true"));
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/application"));

        HttpResponse<String> form = browser.get("/application");
        assertThat(form.body()).contains("更新申込").contains(oldCertificate.serialNumber())
                .contains("value=\"山田\"").contains("value=\"123456\"").contains("value=\"山田建築設計事務所\"")
                .contains("value=\"長野県松本市中央1-23-1\"").contains("新しい証明書の受取後、旧証明書を失効させる")
                .contains("前回のお申込みの免許証等の画像は保存期間の経過により削除済みのため")
                .doesNotContain("変更がなければ、前回の画像を引き続き使用します");
        Map<String, String> moved = details("山田建築設計事務所", "123456", "長野県松本市丸の内3-7");
        // the number and the name are the same, so the old image would do; but its retention period
        // (certflow.retention.licence-image, 90 days after the approval) ended before the expiry notice
        HttpResponse<String> withoutImage = browser.postMultipart("/application", moved, "licenceImage", null, null,
                null);
        assertThat(withoutImage.statusCode()).isEqualTo(200);
        assertThat(withoutImage.body()).contains("前回のお申込みの免許証等の画像は保存期間の経過により削除済みです");
        HttpResponse<String> saved = browser.postMultipart("/application", moved, "licenceImage", "licence.png",
                "image/png", CertificateJourneyTest.png());
        assertThat(saved.statusCode()).isEqualTo(302);
        HttpResponse<String> confirm = browser.get("/application/confirm");
        assertThat(confirm.body()).contains("更新申込（旧証明書 シリアル番号 " + oldCertificate.serialNumber())
                .contains("有効期限まで有効");
        Application renewal = submit(browser);
        assertThat(browser.get(link).statusCode()).as("the link works once").isEqualTo(410);
        assertThat(privacyConsents.of(renewal.id()).privacyNoticeVersion()).isEqualTo(privacyNotice.version());

        String review = reviewerView(renewal);
        assertThat(review).contains("更新申込（旧証明書 シリアル番号 " + oldCertificate.serialNumber() + ", 有効期限 ")
                .contains("\"previousOrderNumber\":\"" + old.orderNumber() + "\"")
                .contains("{\"item\":\"住所\",\"previous\":\"〒390-0811 長野県松本市中央1-23-1\","
                        + "\"current\":\"〒390-0811 長野県松本市丸の内3-7\"}")
                .doesNotContain("\"item\":\"氏名\"").doesNotContain("\"item\":\"事務所名\"").contains("\"licenceImageCarried\":false")
                .contains("\"revokePrevious\":false");
        assertThat(api.call("GET", "/staff/api/tasks/" + task(renewal, "ReviewApplication").getId()
                + "/licence-image", "shinsa", null).statusCode()).as("the new image is on file").isEqualTo(200);

        approveAndPickUp(renewal);
        assertThat(applications.get(renewal.id()).status()).isEqualTo(ApplicationStatus.CERTIFICATE_VALID);
        assertThat(ReceivedMails.text(ReceivedMails.withSubject(greenMail, old.email(),
                "電子証明書発行のお知らせ/ " + renewal.orderNumber() + " : BN-Yamada.Taro"))).doesNotContain("旧証明書");
        assertThat(ocspRevocation(oldCertificate)).as("OCSP: the old certificate is good").isNull();
        assertThat(crlEntry(oldCertificate)).as("the CRL does not list it").isNull();
        assertThat(applications.get(old.id()).status()).isEqualTo(ApplicationStatus.CERTIFICATE_VALID);

        LocalDate expiryDay = oldCertificate.notAfter().atZone(TOKYO).toLocalDate();
        driver.travelTo(expiryDay.minusMonths(1).atTime(9, 0).atZone(TOKYO).toInstant());
        driver.runDueJobs(testApplications.processInstanceId(old));
        String secondNotice = ReceivedMails.text(ReceivedMails.withSubject(greenMail, old.email(),
                SERVICE + " 有効期限のお知らせ(一ヶ月前)"));
        assertThat(secondNotice).as("the next notice names the renewal instead of offering another")
                .contains("この電子証明書の更新申込（受付番号 " + renewal.orderNumber() + "）を受け付けています")
                .doesNotContain("/renewal/");
    }

    @Test
    void renewalThatAsksForItRevokesTheOldCertificateAsSupersededAfterThePickup() throws Exception {
        Application old = certificateAtFirstExpiryNotice("鈴木設計");
        IssuedCertificate oldCertificate = registry.findCurrent(old.id()).orElseThrow();
        String link = renewalLink(ReceivedMails.text(ReceivedMails.withSubject(greenMail, old.email(),
                SERVICE + " 有効期限のお知らせ(三ヶ月前)")));
        PortalClient browser = new PortalClient(port);
        browser.get(link);
        browser.post(link, Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true"));
        browser.get("/application");

        Map<String, String> renumbered = details("鈴木設計", "654321", "長野県松本市中央1-23-1");
        renumbered.put("revokePrevious", "true");
        HttpResponse<String> withoutImage = browser.postMultipart("/application", renumbered, "licenceImage", null,
                null, null);
        assertThat(withoutImage.statusCode()).isEqualTo(200);
        assertThat(withoutImage.body()).contains("登録番号または氏名が変更されたため、新しい免許証等の画像を選択してください");
        HttpResponse<String> withImage = browser.postMultipart("/application", renumbered, "licenceImage",
                "licence.png", "image/png", CertificateJourneyTest.png());
        assertThat(withImage.statusCode()).isEqualTo(302);
        assertThat(browser.get("/application/confirm").body()).contains("新しい証明書の受取後に失効させる");
        Application renewal = submit(browser);

        assertThat(reviewerView(renewal)).contains("{\"item\":\"登録番号\",\"previous\":\"123456\",\"current\":\"654321\"}")
                .contains("\"licenceImageCarried\":false").contains("\"revokePrevious\":true");
        assertThat(ocspRevocation(oldCertificate)).as("still valid until the new one is picked up").isNull();

        approveAndPickUp(renewal);
        assertThat(ReceivedMails.text(ReceivedMails.withSubject(greenMail, old.email(),
                "電子証明書発行のお知らせ/ " + renewal.orderNumber() + " : BN-Yamada.Taro")))
                .contains("ご希望により、旧証明書（シリアル番号 " + oldCertificate.serialNumber() + "）を失効させます");
        X509CRLEntry listed = crlEntry(oldCertificate);
        assertThat(listed).as("the CRL lists the old certificate").isNotNull();
        assertThat(listed.getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);
        assertThat(ocspRevocation(oldCertificate).getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED.ordinal());
        IssuedCertificate renewed = registry.findCurrent(renewal.id()).orElseThrow();
        assertThat(ocspRevocation(renewed)).as("the new certificate is good").isNull();

        int before = ReceivedMails.to(greenMail, old.email()).size();
        LocalDate expiryDay = oldCertificate.notAfter().atZone(TOKYO).toLocalDate();
        driver.travelTo(expiryDay.minusMonths(1).atTime(9, 0).atZone(TOKYO).toInstant());
        driver.runDueJobs(testApplications.processInstanceId(old));
        assertThat(ReceivedMails.subjectsTo(greenMail, old.email()).subList(before,
                ReceivedMails.to(greenMail, old.email()).size()))
                .as("no expiry notice for the revoked certificate").noneMatch(s -> s.contains("有効期限のお知らせ"));
    }

    @Test
    void forgedUsedExpiredAndForeignLinksAndForgedPostsAreRefused() throws Exception {
        Application first = certificateAtFirstExpiryNotice("A設計事務所");
        driver.resetClock();
        Application second = certificateAtFirstExpiryNotice("B設計事務所");
        String firstLink = renewalLink(ReceivedMails.text(ReceivedMails.withSubject(greenMail, first.email(),
                SERVICE + " 有効期限のお知らせ(三ヶ月前)")));
        String secondLink = renewalLink(ReceivedMails.text(ReceivedMails.withSubject(greenMail, second.email(),
                SERVICE + " 有効期限のお知らせ(三ヶ月前)")));

        PortalClient attacker = new PortalClient(port);
        HttpResponse<String> forged = attacker.get("/renewal/" + "A".repeat(43));
        assertThat(forged.statusCode()).isEqualTo(410);
        assertThat(forged.body()).contains("この更新申込URLは使用できません");
        attacker.get("/");
        assertThat(attacker.post("/renewal/" + "A".repeat(43), Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true")).statusCode())
                .isEqualTo(410);
        assertThat(attacker.get("/renewal/..%2F..%2Fapplication").statusCode()).isIn(400, 404, 410);

        attacker.get(firstLink);
        HttpResponse<String> noCsrf = attacker.postWithoutCsrf(firstLink, Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true"));
        assertThat(noCsrf.statusCode()).as("a cross-site post").isEqualTo(403);
        assertThat(noCsrf.body()).contains("ページの有効期限が切れました");
        assertThat(attacker.get(firstLink).statusCode()).as("the refused post did not use the link").isEqualTo(200);

        // A's link, with B's application and certificate named in the request, still opens A's renewal only
        IssuedCertificate secondCertificate = registry.findCurrent(second.id()).orElseThrow();
        HttpResponse<String> tampered = attacker.post(firstLink, Map.of("obligationsAccepted", "true", "privacyNoticeAccepted", "true",
                "applicationId", String.valueOf(second.id()), "serialNumber", secondCertificate.serialNumber(),
                "previousApplicationId", String.valueOf(second.id())));
        assertThat(tampered.statusCode()).isEqualTo(302);
        HttpResponse<String> form = attacker.get("/application");
        assertThat(form.body()).contains("A設計事務所").doesNotContain("B設計事務所")
                .doesNotContain(secondCertificate.serialNumber()).doesNotContain(second.orderNumber());
        assertThat(attacker.getBytes("/application/licence-image").statusCode())
                .as("no image before the form is saved; never B's").isEqualTo(404);
        assertThat(new PortalClient(port).get(firstLink).statusCode()).as("used").isEqualTo(410);

        // B's link still works for B, and only until the certificate's end plus the grace period
        assertThat(new PortalClient(port).get(secondLink).statusCode()).isEqualTo(200);
        driver.travelTo(secondCertificate.notAfter().plus(Duration.ofDays(30)).plusSeconds(1));
        HttpResponse<String> expired = new PortalClient(port).get(secondLink);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("この更新申込URLは使用できません");
    }

    /** An architect's certificate, picked up; the clock stands at its three-month notice, which has gone out. */
    private Application certificateAtFirstExpiryNotice(String officeName) {
        Application old = testApplications.awaitingPayment(officeName);
        pay(old);
        approveAndPickUp(old);
        LocalDate expiryDay = registry.findCurrent(old.id()).orElseThrow().notAfter().atZone(TOKYO).toLocalDate();
        driver.travelTo(expiryDay.minusMonths(3).atTime(9, 0).atZone(TOKYO).toInstant());
        driver.runDueJobs(testApplications.processInstanceId(old));
        return applications.get(old.id());
    }

    /** Accounting records the payment in full. */
    private void pay(Application application) {
        taskService.complete(task(application, "ConfirmPayment").getId(), Map.of("amountReceived", 11000L,
                "receivedOn", driver.now().atZone(TOKYO).toLocalDate().toString()));
        driver.runDueJobs(testApplications.processInstanceId(application));
    }

    /** Approval and pickup, as a reviewer and the applicant do them. */
    private void approveAndPickUp(Application application) {
        String processInstanceId = testApplications.processInstanceId(application);
        taskService.complete(task(application, "ReviewApplication").getId(), Map.of("reviewDecision", "approve",
                "reviewComment", "", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        driver.runDueJobs(processInstanceId);
        pickup.pickUp(application.id(), PIN.toCharArray());
        driver.runDueJobs(processInstanceId);
    }

    /** Letter, confirmation and submission; answers the new application, found by the renewal it records. */
    private Application submit(PortalClient browser) {
        assertThat(browser.getBytes("/application/distribution-letter.pdf").statusCode()).isEqualTo(200);
        browser.get("/application/confirm");
        HttpResponse<String> submitted = browser.post("/application/submit", Map.of());
        assertThat(submitted.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/application/submitted"));
        long id = jdbc.sql("select application_id from renewal order by created_at desc, application_id desc")
                .query(Long.class).list().get(0);
        Application renewal = applications.get(id);
        driver.runDueJobs(testApplications.processInstanceId(renewal));
        assertThat(ReceivedMails.subjectsTo(greenMail, renewal.email())).as("the renewal is invoiced like any application")
                .filteredOn((SERVICE + " 請求書")::equals).hasSize(2);
        return renewal;
    }

    private String reviewerView(Application renewal) throws Exception {
        pay(renewal);
        HttpResponse<String> view = api.call("GET", "/staff/api/tasks/" + task(renewal, "ReviewApplication").getId()
                + "/application", "shinsa", null);
        assertThat(view.statusCode()).isEqualTo(200);
        return view.body();
    }

    private Task task(Application application, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey(taskDefinitionKey).singleResult();
    }

    private String renewalLink(String mailText) {
        Matcher matcher = RENEWAL_LINK.matcher(mailText);
        assertThat(matcher.find()).as("the notice carries a renewal link").isTrue();
        return matcher.group().replace("http://localhost", "http://localhost:" + port);
    }

    private static Map<String, String> details(String officeName, String registrationNumber, String address) {
        Map<String, String> fields = new HashMap<>(Map.ofEntries(Map.entry("familyName", "山田"),
                Map.entry("firstName", "太郎"), Map.entry("familyNameKana", "ヤマダ"), Map.entry("firstNameKana", "タロウ"),
                Map.entry("familyNameRomaji", "Yamada"), Map.entry("firstNameRomaji", "Taro"),
                Map.entry("phone", "0263-12-3456"), Map.entry("postalCode", "390-0811"), Map.entry("address", address),
                Map.entry("registrationNumber", registrationNumber), Map.entry("validityYears", "1"),
                Map.entry("dateOfBirth", "1980-04-01"), Map.entry("chamberMember", "false"),
                Map.entry("officeName", officeName)));
        return fields;
    }

    private X509CRLEntry crlEntry(IssuedCertificate certificate) throws Exception {
        HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/pki/crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(served.body()));
        return crl.getRevokedCertificate(new BigInteger(certificate.serialNumber(), 16));
    }

    /** What the OCSP responder says over HTTP: null for good, else the revocation. */
    private RevokedStatus ocspRevocation(IssuedCertificate certificate) throws Exception {
        byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder()
                .build().get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(authority.issuingCertificate()),
                new BigInteger(certificate.serialNumber(), 16))).build().getEncoded();
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/pki/ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(answer.body()).getResponseObject();
        return (RevokedStatus) basic.getResponses()[0].getCertStatus();
    }
}
