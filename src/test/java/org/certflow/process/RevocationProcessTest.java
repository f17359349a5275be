package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Staff request a revocation in Tasklist; the application's process revokes and tells the applicant. */
class RevocationProcessTest extends ProcessTestSupport {

    static final String REVOCATION = SERVICE + " 失効のお知らせ";

    @Autowired CertificateRegistry certificates;

    @Test
    void revocationRequestRevokesThePickedUpCertificateAndNotifiesTheApplicant() {
        Applicant applicant = awaitingPickup();
        pickUp(applicant);

        ProcessInstance request = requestRevocation(applicant.orderNumber(), 1);
        runJobs(applicant);

        assertThat(request).isEnded().hasPassed("RequestRevocation", "RevocationRequestSent");
        assertThat(mailbox(applicant).only(REVOCATION).body())
                .contains(applicant.orderNumber()).contains("秘密鍵の危殆化");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REVOKED);
        IssuedCertificate certificate = certificates.findLatest(applicant.applicationId()).orElseThrow();
        assertThat(certificate.revokedAt()).isNotNull();
        assertThat(certificate.revocationReason()).isEqualTo(1);
        assertThat(certificates.findCurrent(applicant.applicationId())).isEmpty();
        assertThat(certificates.revoked()).anySatisfy(revoked ->
                assertThat(revoked.serial().toString(16)).isEqualTo(certificate.serialNumber()));
        assertThat(instance(applicant)).isEnded();
        assertThat(endEventsReached(applicant)).containsExactly("CertificateRevoked");
        assertThat(reached(applicant, "SendExpiryFirstNoticeMail")).isFalse();
    }

    @Test
    void revocationRequestForAnUnknownOrderNumberIsRefused() {
        assertThatThrownBy(() -> requestRevocation("PBJ99999999", 1))
                .hasStackTraceContaining("受付番号 PBJ99999999 に有効な電子証明書はありません");
        assertThat(historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST)
                .variableValueEquals("orderNumber", "PBJ99999999").count())
                .as("the refused request leaves no instance").isZero();
    }

    @Test
    void revocationRequestBeforePickupOrAfterRevocationIsRefused() {
        Applicant applicant = awaitingPickup();
        assertThatThrownBy(() -> requestRevocation(applicant.orderNumber(), 1))
                .hasStackTraceContaining("受付番号 " + applicant.orderNumber() + " に有効な電子証明書はありません");
        assertThat(instance(applicant)).isWaitingAt("WaitForPickup");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PICKUP);

        pickUp(applicant);
        requestRevocation(applicant.orderNumber(), 0);
        runJobs(applicant);
        assertThatThrownBy(() -> requestRevocation(applicant.orderNumber(), 1))
                .hasStackTraceContaining("受付番号 " + applicant.orderNumber() + " に有効な電子証明書はありません");
        assertThat(mailbox(applicant).only(REVOCATION).body()).contains("理由の指定なし");
    }

    private ProcessInstance requestRevocation(String orderNumber, int reason) {
        return runtimeService.startProcessInstanceByKey(ProcessConstants.REVOCATION_REQUEST, Map.of(
                "orderNumber", orderNumber, ProcessConstants.VAR_REVOCATION_REASON, reason));
    }
}
