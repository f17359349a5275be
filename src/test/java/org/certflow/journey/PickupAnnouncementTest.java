package org.certflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.TaskService;
import org.certflow.application.Application;
import org.certflow.billing.Invoices;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.pki.CertificateAuthority;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * Nothing is issued or revoked behind the applicant's back: every pickup is announced by a signed mail, a second
 * pickup also announces the revocation of the certificate it replaces, and after three pickups the office decides.
 * Somebody who learned the letter's password can no longer replace the applicant's certificate unnoticed or
 * without end.
 */
@CertflowTest
class PickupAnnouncementTest {

    private static final String SERVICE = "MCCI電子証明書サービス";
    private static final String LETTER_PASSWORD = "PASSWORDPASSWORD";
    private static final String PIN = "correct-horse-9";

    @LocalServerPort int port;
    @Autowired GreenMail greenMail;
    @Autowired ProcessDriver driver;
    @Autowired TaskService taskService;
    @Autowired TestApplications applications;
    @Autowired Invoices invoices;
    @Autowired CertificateRegistry certificates;
    @Autowired CertificateAuthority authority;

    @Test
    void everyPickupIsAnnouncedAndAReplacedCertificateToo() throws Exception {
        Application application = approved("発行通知建築設計");
        String issuedSubject = "電子証明書発行のお知らせ/ " + application.orderNumber() + " : BN-Yamada.Taro";

        X509Certificate first = pickUp(application);
        driver.runDueJobs();
        MimeMessage firstIssued = ReceivedMails.withSubject(greenMail, application.email(), issuedSubject);
        assertSignedByService(firstIssued);
        assertThat(ReceivedMails.text(firstIssued)).contains(application.orderNumber())
                .contains(first.getSerialNumber().toString(16)).contains("有効期間")
                .contains(japaneseDate(first.getNotAfter())).contains("お心当たりのない場合");

        X509Certificate second = pickUp(application);
        driver.runDueJobs();
        List<MimeMessage> issued = mails(application, issuedSubject);
        assertThat(issued).hasSize(2);
        assertThat(ReceivedMails.text(issued.get(1))).contains(second.getSerialNumber().toString(16));
        assertSignedByService(issued.get(1));
        List<MimeMessage> revoked = mails(application, SERVICE + " 失効のお知らせ");
        assertThat(revoked).hasSize(1);
        assertSignedByService(revoked.get(0));
        assertThat(ReceivedMails.text(revoked.get(0))).contains(first.getSerialNumber().toString(16))
                .contains("再発行").doesNotContain(second.getSerialNumber().toString(16));
    }

    @Test
    void beyondThreePickupsNothingIsIssuedAndTheApplicantIsSentToTheOffice() throws Exception {
        Application application = approved("再取得上限建築設計");
        pickUp(application);
        pickUp(application);
        PortalClient waiting = loggedIn(application);
        pickUp(application);
        assertThat(certificates.findAll(application.id())).hasSize(3);

        PortalClient stranger = new PortalClient(port);
        stranger.get("/pickup");
        HttpResponse<String> login = stranger.post("/pickup",
                Map.of("orderNumber", application.orderNumber(), "password", LETTER_PASSWORD));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("取得し直せる回数の上限に達しました").contains("下記のお問い合わせ先までご連絡ください")
                .contains("0263-00-0000");

        HttpResponse<byte[]> download = waiting.postForBytes("/pickup/certificate",
                Map.of("pin", PIN, "pinConfirmation", PIN));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).contains("取得し直せる回数の上限に達しました");
        assertThat(certificates.findAll(application.id())).as("nothing issued").hasSize(3);

        driver.runDueJobs();
        assertThat(mails(application, "電子証明書発行のお知らせ/ " + application.orderNumber() + " : BN-Yamada.Taro"))
                .hasSize(3);
        assertThat(mails(application, SERVICE + " 失効のお知らせ")).hasSize(2);
    }

    /**
     * Whoever holds the letter opens several sessions at the last pickup the limit allows and sends all downloads at
     * once, as two nodes behind the proxy would receive them: one certificate is issued, the others are refused.
     */
    @Test
    void parallelPickupsAtTheLimitIssueOneCertificate() throws Exception {
        Application application = approved("同時再取得建築設計");
        pickUp(application);
        pickUp(application);
        int parallel = 4;
        List<PortalClient> sessions = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            sessions.add(loggedIn(application));
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CyclicBarrier together = new CyclicBarrier(parallel);
        List<HttpResponse<byte[]>> downloads = new ArrayList<>();
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (PortalClient session : sessions) {
                answers.add(pool.submit(() -> {
                    together.await();
                    return session.postForBytes("/pickup/certificate", Map.of("pin", PIN, "pinConfirmation", PIN));
                }));
            }
            for (Future<HttpResponse<byte[]>> answer : answers) {
                downloads.add(answer.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(certificates.findAll(application.id())).as("certificates of the application").hasSize(3);
        assertThat(downloads).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(downloads).filteredOn(download -> download.headers().firstValue("Content-Type")
                .orElse("").equals("application/x-pkcs12")).hasSize(1);
        assertThat(downloads).filteredOn(download -> new String(download.body(), StandardCharsets.UTF_8)
                .contains("取得し直せる回数の上限に達しました")).hasSize(parallel - 1);
    }

    /** Paid and approved: the pickup mail is out and the letter's password opens the pickup. */
    private Application approved(String officeName) {
        Application application = applications.awaitingPayment(officeName);
        String order = application.orderNumber();
        taskService.complete(task(order, "ConfirmPayment"), Map.of(
                "amountReceived", (long) invoices.find(application.id()).orElseThrow().totalAmount(),
                "receivedOn", LocalDate.now(ZoneId.of("Asia/Tokyo")).toString()));
        driver.runDueJobs();
        taskService.complete(task(order, "ReviewApplication"), Map.of("reviewDecision", "approve",
                "reviewComment", "", "checkNumberReadable", true, "checkNameMatches", true,
                "checkImageLegible", true, "checkQualificationMatches", true));
        driver.runDueJobs();
        return application;
    }

    private PortalClient loggedIn(Application application) {
        PortalClient browser = new PortalClient(port);
        browser.get("/pickup");
        HttpResponse<String> login = browser.post("/pickup",
                Map.of("orderNumber", application.orderNumber(), "password", LETTER_PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        browser.get("/pickup/pin");
        return browser;
    }

    private X509Certificate pickUp(Application application) throws Exception {
        HttpResponse<byte[]> p12 = loggedIn(application).postForBytes("/pickup/certificate",
                Map.of("pin", PIN, "pinConfirmation", PIN));
        assertThat(p12.headers().firstValue("Content-Type")).hasValue("application/x-pkcs12");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(new ByteArrayInputStream(p12.body()), PIN.toCharArray());
        return (X509Certificate) keyStore.getCertificate(keyStore.aliases().nextElement());
    }

    private String task(String orderNumber, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(orderNumber).taskDefinitionKey(key)
                .singleResult().getId();
    }

    private List<MimeMessage> mails(Application application, String subject) {
        return ReceivedMails.to(greenMail, application.email()).stream()
                .filter(message -> subject.equals(ReceivedMails.subject(message))).toList();
    }

    private void assertSignedByService(MimeMessage message) throws Exception {
        X509Certificate signer = ReceivedMails.verifiedSigner(message);
        signer.verify(authority.issuingCertificate().getPublicKey());
    }

    private static String japaneseDate(java.util.Date date) {
        LocalDate day = date.toInstant().atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }
}
