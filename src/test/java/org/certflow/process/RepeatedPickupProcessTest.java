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
