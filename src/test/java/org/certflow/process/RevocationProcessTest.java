package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.ApplicationStatus;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.CrlPublication;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.ClientCertificateRequest;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Staff request a revocation in Tasklist; the application's process revokes and tells the applicant. */
class RevocationProcessTest extends ProcessTestSupport {

    static final String REVOCATION = SERVICE + " 失効のお知らせ";

    @Autowired CertificateRegistry certificates;
    @Autowired CertificateAuthority authority;
    @Autowired CrlPublication crls;
    @Autowired ManagementService managementService;

    @Test
    void revocationRequestRevokesThePickedUpCertificateAndNotifiesTheApplicant() {
        Applicant applicant = awaitingPickup();
        pickUp(applicant);

        ProcessInstance request = requestRevocation(applicant.orderNumber(), 1);
        assertThat(request).isWaitingAt("ApproveRevocation");
        assertThat(certificates.findCurrent(applicant.applicationId())).as("nothing happens before approval").isPresent();
        approveRevocation(request);
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
        assertEnded(applicant);
        assertThat(endEventsReached(applicant)).containsExactly("PaymentCompleted", "CertificateIssuedAnnounced", "CertificateRevoked");
        assertThat(reached(applicant, "SendExpiryFirstNoticeMail")).isFalse();
    }

    @Test
    void revocationRequestForAnUnknownOrderNumberIsRefused() {
        assertThatThrownBy(() -> requestRevocation("PBJ99999999", 1))
                .hasStackTraceContaining("受付番号 PBJ99999999 に有効な電子証明書はありません");
        assertThat(historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.REVOCATION_REQUEST)
                .processInstanceBusinessKey("PBJ99999999").count())
                .as("the refused request leaves no instance").isZero();
    }

    /** Its RA revokes it over CMP; a staff request would bypass the RA and name no application to tell. */
    @Test
    void aCertificateEnrolledOverCmpIsNotRevokedByAStaffRequest() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        X509Certificate enrolled = authority.certify(generator.generateKeyPair().getPublic(),
                new ClientCertificateRequest("Kimura", "Ken", "ken@example.jp", "RA-ENROLLED", 1));
        certificates.record(null, enrolled, enrolled.getNotBefore().toInstant());
        String serial = enrolled.getSerialNumber().toString(16);

        assertThatThrownBy(() -> requestRevocation(serial, 1))
                .hasStackTraceContaining("シリアル番号 " + serial + " に有効な電子証明書はありません");
        assertThat(certificates.findBySerialNumber(serial).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void revocationRequestBeforePickupOrAfterRevocationIsRefused() {
        Applicant applicant = awaitingPickup();
        assertThatThrownBy(() -> requestRevocation(applicant.orderNumber(), 1))
                .hasStackTraceContaining("受付番号 " + applicant.orderNumber() + " に有効な電子証明書はありません");
        assertThat(instance(applicant)).isWaitingAt("WaitForPickup");
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.AWAITING_PICKUP);

        pickUp(applicant);
        approveRevocation(requestRevocation(applicant.orderNumber(), 0));
        runJobs(applicant);
        assertThatThrownBy(() -> requestRevocation(applicant.orderNumber(), 1))
                .hasStackTraceContaining("受付番号 " + applicant.orderNumber() + " に有効な電子証明書はありません");
        assertThat(mailbox(applicant).only(REVOCATION).body()).contains("理由の指定なし");
    }

    @Test
    void revocationPublishesANewCrlListingTheCertificateAndEveryCaSignatureIsAudited() throws Exception {
        Applicant applicant = awaitingPickup();
        pickUp(applicant);
        String serial = certificates.findCurrent(applicant.applicationId()).orElseThrow().serialNumber();
        long published = count("published_crl");

        approveRevocation(requestRevocation(applicant.orderNumber(), 1));
        runJobs(applicant);

        assertThat(count("published_crl")).isEqualTo(published + 1);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crls.current()));
        assertThat(crl.getRevokedCertificate(new BigInteger(serial, 16))).as("the served CRL lists it").isNotNull();
        assertThat(jdbc.sql("select operation, actor from ca_audit where serial = :serial order by id")
                .param("serial", serial).query().listOfRows())
                .extracting(row -> row.get("operation"))
                .containsExactly("ISSUE_CERTIFICATE", "REVOKE_CERTIFICATE");
        assertThat(jdbc.sql("""
                        select requested_by, approved_by from ca_audit
                        where serial = :serial and operation = 'REVOKE_CERTIFICATE'
                        """)
                .param("serial", serial).query().singleRow())
                .as("the audit names both pairs of eyes, from the request's record")
                .containsEntry("requested_by", "ra-admin").containsEntry("approved_by", "admin");
    }

    @Test
    void theCrlIsPublishedAgainEveryTwelveHoursByItsOwnModel() {
        long published = count("published_crl");
        assertThat(managementService.createJobQuery().processDefinitionKey("crl-publication").timers().count())
                .isEqualTo(1);
        driver.travel(Duration.ofHours(12).plusMinutes(1));
        driver.runDueJobs();
        assertThat(count("published_crl")).isGreaterThan(published);
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("crl-publication")
                .finished().count()).isPositive();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void theRequesterCannotApproveAndADeclinedRequestRevokesNothing() {
        Applicant applicant = awaitingPickup();
        pickUp(applicant);
        String serial = certificates.findCurrent(applicant.applicationId()).orElseThrow().serialNumber();

        ProcessInstance request = requestRevocation(serial.toUpperCase(), 5);
        assertThat(request.getBusinessKey()).as("found in Cockpit by the order number").isEqualTo(applicant.orderNumber());
        Task approval = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult();
        assertThat(approval.getName()).startsWith("失効承認: " + applicant.orderNumber() + " 一級建築士")
                .endsWith("（利用の終了）");
        assertThatThrownBy(() -> taskService.claim(approval.getId(), "ra-admin"))
                .hasStackTraceContaining("失効を依頼した本人は承認できません");
        assertThatThrownBy(() -> requestRevocation(applicant.orderNumber(), 1))
                .hasStackTraceContaining("失効依頼はすでに承認待ちです");
        assertThatThrownBy(() -> decide(approval, "decline", ""))
                .hasStackTraceContaining("却下する場合は理由を入力してください");

        decide(approval, "decline", "本人確認が取れていないため");
        runJobs(applicant);
        assertThat(request).isEnded().hasPassed("RevocationRequestDeclined");
        assertThat(certificates.findCurrent(applicant.applicationId())).isPresent();
        assertThat(instance(applicant)).isActive();
        assertThat(mailbox(applicant).subjects()).doesNotContain(REVOCATION);
    }

    @Test
    void aRequestNeedsAnExplanationAndAKnownReason() {
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ProcessConstants.REVOCATION_REQUEST,
                Map.of("revocationTarget", "PBJ10000001", ProcessConstants.VAR_REVOCATION_REASON, 1)))
                .hasStackTraceContaining("依頼の経緯を");
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ProcessConstants.REVOCATION_REQUEST,
                Map.of("revocationTarget", "PBJ10000001", ProcessConstants.VAR_REVOCATION_REASON, 2,
                        "revocationComment", "紛失")))
                .hasStackTraceContaining("失効理由を選択してください");
    }

    /** ra-admin asks from the Tasklist start form. */
    private ProcessInstance requestRevocation(String target, int reason) {
        ProcessInstance[] started = new ProcessInstance[1];
        asStaff("ra-admin", () -> started[0] = runtimeService.startProcessInstanceByKey(
                ProcessConstants.REVOCATION_REQUEST, Map.of("revocationTarget", target,
                        ProcessConstants.VAR_REVOCATION_REASON, reason, "revocationComment", "申請者から電話で依頼")));
        return started[0];
    }

    /** admin, a second member of ra-admins, approves. */
    private void approveRevocation(ProcessInstance request) {
        decide(taskService.createTaskQuery().processInstanceId(request.getId()).singleResult(), "approve", "");
    }

    private void decide(Task approval, String decision, String comment) {
        asStaff("admin", () -> taskService.complete(approval.getId(),
                Map.of("revocationDecision", decision, "approvalComment", comment)));
    }
}
