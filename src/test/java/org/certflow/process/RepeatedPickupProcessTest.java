package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.List;

import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CertificatePickup;
import org.certflow.certificate.CertificatePickup.LoginOutcome;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.RevocationReason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A second pickup within the window replaces the first certificate; after the window it is refused. */
class RepeatedPickupProcessTest extends ProcessTestSupport {

    @Autowired CertificateRegistry certificates;
    @Autowired CertificatePickup certificatePickup;
    @Autowired JdbcClient jdbc;

    @Test
    void secondPickupRevokesTheFirstCertificateAsSupersededAndRestartsItsLife() {
        Applicant applicant = awaitingPickup();
        pickUp(applicant);
        IssuedCertificate first = certificates.findCurrent(applicant.applicationId()).orElseThrow();

        pickUp(applicant);

        IssuedCertificate second = certificates.findCurrent(applicant.applicationId()).orElseThrow();
        assertThat(second.serialNumber()).isNotEqualTo(first.serialNumber());
        List<String> revoked = certificates.revoked().stream().map(r -> r.serial().toString(16)).toList();
        assertThat(revoked).contains(first.serialNumber()).doesNotContain(second.serialNumber());
        assertThat(jdbc.sql("select revocation_reason from issued_certificate where serial_number = :serial")
                .param("serial", first.serialNumber()).query(Integer.class).single())
                .isEqualTo(RevocationReason.SUPERSEDED.code());
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CERTIFICATE_VALID);
        assertThat(instance(applicant)).isWaitingAt("ExpiryFirstNoticeDue");
        assertThat(reached(applicant, "CertificateReplaced")).isTrue();
        assertThat(instance(applicant)).as("the revocation is the model's step, retried like any other")
                .hasPassed("SendCertificateIssuedMail", "RevokeSupersededCertificate", "SendSupersededMail",
                        "SendReissuedMail");
        assertThat(mailbox(applicant).subjects()).containsSubsequence(
                "電子証明書発行のお知らせ/ " + applicant.orderNumber() + " : " + PICKUP_LABEL,
                SERVICE + " 失効のお知らせ",
                "電子証明書発行のお知らせ/ " + applicant.orderNumber() + " : " + PICKUP_LABEL);
    }

    @Test
    void aSecondPickupBeforeTheFirstOnesMailLeftStillAnnouncesBoth() {
        Applicant applicant = awaitingPickup();
        certificatePickup.pickUp(applicant.applicationId(), "pin-12345".toCharArray());
        IssuedCertificate first = certificates.findCurrent(applicant.applicationId()).orElseThrow();
        certificatePickup.pickUp(applicant.applicationId(), "pin-12345".toCharArray());
        IssuedCertificate second = certificates.findCurrent(applicant.applicationId()).orElseThrow();
        runJobs(applicant);

        List<String> issued = mailbox(applicant).mails().stream()
                .filter(mail -> mail.subject().startsWith("電子証明書発行のお知らせ/")).map(Mailbox.Mail::body).toList();
        assertThat(issued).hasSize(2);
        assertThat(issued).anySatisfy(text -> assertThat(text).contains(first.serialNumber()));
        assertThat(issued).anySatisfy(text -> assertThat(text).contains(second.serialNumber()));
        assertThat(mailbox(applicant).subjects()).containsOnlyOnce(SERVICE + " 失効のお知らせ");
    }

    @Test
    void afterThePickupWindowASecondPickupIsRefused() {
        Applicant applicant = awaitingPickup();
        pickUp(applicant);
        driver.travel(Duration.ofDays(32));
        assertThat(certificatePickup.logIn(applicant.orderNumber(), PICKUP_PASSWORD, "192.0.2.50").outcome())
                .isEqualTo(LoginOutcome.ALREADY_PICKED_UP);
    }
}
