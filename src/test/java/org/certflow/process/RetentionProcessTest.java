package org.certflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.certflow.application.Application;
import org.certflow.application.ApplicationStatus;
import org.certflow.retention.LicenceImageDisposal;
import org.certflow.retention.RetentionRefusal;
import org.certflow.retention.TaxRecordDisposal;
import org.certflow.service.ProcessConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retention tail on the whole application, with time travel: what each period deletes, when, and what stays.
 * Runs on H2 and on PostgreSQL (the deletions, the nullable columns and the disposal record are SQL of V20).
 */
class RetentionProcessTest extends ProcessTestSupport {

    @Autowired LicenceImageDisposal imageDisposal;
    @Autowired TaxRecordDisposal taxRecords;

    @Test
    void aRejectedApplicationsLicenceImageIsDeletedNinetyDaysAfterTheDecisionAndItsHashKept() throws Exception {
        Applicant applicant = inReview();
        byte[] image = applications.findLicenceImage(applicant.applicationId()).orElseThrow().content();
        Instant decidedAt = driver.now();
        asStaff("shinsa", () -> processEngine.getFormService().submitTaskForm(task(applicant, "ReviewApplication").getId(),
                reviewForm(ProcessConstants.DECISION_REJECT, "免許証の登録番号が読み取れません", false)));
        runJobs(applicant);
        asStaff("keiri", () -> taskService.complete(task(applicant, "RecordRefund").getId(), Map.of(
                "refundAmount", invoiceTotal(applicant), "refundedOn", today().toString())));
        runJobs(applicant);
        Instant endedAt = driver.now();
        assertEnded(applicant);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.REFUNDED);

        driver.travelTo(decidedAt.plus(Duration.ofDays(89)));
        runJobs(applicant);
        assertThat(imageRows(applicant)).as("kept on day 89").isOne();
        assertThat(imageDisposal.of(applicant.applicationId())).isEmpty();

        driver.travelTo(decidedAt.plus(Duration.ofDays(90)).plusSeconds(1));
        runJobs(applicant);

        assertThat(imageRows(applicant)).as("deleted after 90 days").isZero();
        assertThat(applications.findLicenceImage(applicant.applicationId())).isEmpty();
        LicenceImageDisposal.Disposal disposal = imageDisposal.of(applicant.applicationId()).orElseThrow();
        assertThat(disposal.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)));
        assertThat(disposal.checkedBy()).isEqualTo("shinsa");
        assertThat(disposal.decision()).isEqualTo(ProcessConstants.DECISION_REJECT);
        assertThat(disposal.reason()).isEqualTo(LicenceImageDisposal.Reason.RETENTION);
        assertThat(disposal.contentType()).isEqualTo("image/png");
        assertThat(disposal.sizeBytes()).isEqualTo(image.length);
        assertThat(application(applicant).hasDetails()).as("the personal data waits for its own period").isTrue();
        assertThat(runtimeService.getActiveActivityIds(applicant.processInstanceId()))
                .containsExactly("PersonalDataRetentionEnded");
        assertThat(reviewCommentInHistory(applicant)).as("the reason the applicant was told").isPositive();

        driver.travelTo(endedAt.atZone(TOKYO).plusYears(1).toInstant().plusSeconds(1));
        runJobs(applicant);

        assertThat(application(applicant).personalDataReduced()).isTrue();
        assertThat(application(applicant).reviewComment()).isNull();
        assertThat(reviewCommentInHistory(applicant)).as("no history entry keeps the reason's text").isZero();
        assertThat(runtimeService.getVariable(applicant.processInstanceId(), ProcessConstants.VAR_REVIEW_COMMENT))
                .isNull();
        assertThat(jdbc.sql("select count(*) from review_record where application_id = :id and reviewer = 'shinsa'")
                .param("id", applicant.applicationId()).query(Long.class).single())
                .as("who decided stays on record").isOne();
        assertThat(runtimeService.getActiveActivityIds(applicant.processInstanceId()))
                .containsExactly("TaxRecordRetentionEnded");
    }

    private long reviewCommentInHistory(Applicant applicant) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(applicant.processInstanceId())
                .variableName(ProcessConstants.VAR_REVIEW_COMMENT).includeDeleted().count()
                + historyService.createHistoricDetailQuery().processInstanceId(applicant.processInstanceId())
                .variableUpdates().list().stream()
                .filter(detail -> ProcessConstants.VAR_REVIEW_COMMENT.equals(
                        ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName()))
                .count()
                + historyService.createHistoricDetailQuery().processInstanceId(applicant.processInstanceId())
                .formFields().list().stream()
                .filter(detail -> ProcessConstants.VAR_REVIEW_COMMENT.equals(
                        ((org.camunda.bpm.engine.history.HistoricFormField) detail).getFieldId()))
                .count();
    }

    @Test
    void anExpiredCertificatesApplicationIsReducedAfterAYearAndItsTaxRecordsGoAfterSevenYearsNotBefore() {
        Applicant applicant = awaitingPickup();
        Instant notAfter = pickUp(applicant);
        LocalDate issuedOn = today();

        driver.travelTo(notAfter);
        runJobs(applicant);
        assertThat(status(applicant)).isEqualTo(ApplicationStatus.CERTIFICATE_EXPIRED);
        assertEnded(applicant);
        assertThat(imageRows(applicant)).as("the approved image went 90 days after the approval").isZero();
        assertThat(imageDisposal.of(applicant.applicationId()).orElseThrow().decision())
                .isEqualTo(ProcessConstants.DECISION_APPROVE);

        driver.travelTo(notAfter.plus(Duration.ofDays(364)));
        runJobs(applicant);
        assertThat(application(applicant).hasDetails()).as("kept until a year after the certificate's end").isTrue();

        driver.travelTo(notAfter.atZone(TOKYO).plusYears(1).toInstant().plusSeconds(1));
        runJobs(applicant);

        Application reduced = application(applicant);
        assertThat(reduced.personalDataReduced()).isTrue();
        assertThat(reduced.email()).isNull();
        assertThat(reduced.details()).isNull();
        assertThat(reduced.orderNumber()).isEqualTo(applicant.orderNumber());
        assertThat(reduced.status()).isEqualTo(ApplicationStatus.CERTIFICATE_EXPIRED);
        Map<String, Object> row = jdbc.sql("select * from application where id = :id")
                .param("id", applicant.applicationId()).query().singleRow();
        Map<String, Object> personal = new HashMap<>();
        for (String column : new String[] {"EMAIL", "FAMILY_NAME", "FIRST_NAME", "FAMILY_NAME_KANA", "FIRST_NAME_KANA",
                "FAMILY_NAME_ROMAJI", "FIRST_NAME_ROMAJI", "DATE_OF_BIRTH", "OFFICE_NAME", "PHONE", "POSTAL_CODE",
                "ADDRESS", "REGISTRATION_NUMBER", "REVIEW_COMMENT", "PICKUP_PASSWORD_HASH"}) {
            personal.put(column, value(row, column));
        }
        assertThat(personal).allSatisfy((column, value) -> assertThat(value).as(column).isNull());
        assertThat(value(row, "PERSONAL_DATA_REDUCED_AT")).isNotNull();
        assertThat(jdbc.sql("select count(*) from mail_log where application_id = :id and recipient = :email")
                .param("id", applicant.applicationId()).param("email", applicant.email()).query(Long.class).single())
                .as("no mail log names the applicant's address").isZero();
        assertThat(jdbc.sql("select count(*) from mail_log where application_id = :id and subject like '%BN-%'")
                .param("id", applicant.applicationId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from one_time_link where application_id = :id")
                .param("id", applicant.applicationId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from issued_certificate where application_id = :id")
                .param("id", applicant.applicationId()).query(Long.class).single())
                .as("the CA keeps its certificate records").isOne();
        assertThat(taxRows(applicant)).as("invoice, receipt and payment are kept").isEqualTo(3);

        LocalDate lastDay = expectedLastDay(issuedOn);
        assertThat(taxRecords.retainedUntil(issuedOn)).isEqualTo(lastDay);
        travelTo(lastDay.atTime(12, 0));
        runJobs(applicant);
        assertThat(taxRows(applicant)).as("still there on its last day").isEqualTo(3);
        assertThatThrownBy(() -> taxRecords.dispose(applicant.applicationId(), lastDay))
                .isInstanceOf(RetentionRefusal.class)
                .hasMessageContaining("の保存期間（" + lastDay.getYear() + "年" + lastDay.getMonthValue() + "月"
                        + lastDay.getDayOfMonth() + "日まで）が終わっていないため削除できません");
        assertThat(taxRows(applicant)).as("a refused deletion deletes nothing").isEqualTo(3);

        travelTo(lastDay.plusDays(1).atTime(0, 1));
        runJobs(applicant);

        assertThat(taxRows(applicant)).as("gone after the seven years").isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(applicant.processInstanceId()).count())
                .isZero();
        assertThat(reached(applicant, "RetentionEnded")).isTrue();
    }

    /** 確定申告期限 (two months after the business year's end, 31 March) + 7 years, counted from the day after. */
    private static LocalDate expectedLastDay(LocalDate issuedOn) {
        LocalDate yearEnd = LocalDate.of(issuedOn.getYear(), 3, 31);
        if (yearEnd.isBefore(issuedOn)) {
            yearEnd = yearEnd.plusYears(1);
        }
        return yearEnd.plusMonths(2).plusYears(7);
    }

    private long imageRows(Applicant applicant) {
        return jdbc.sql("select count(*) from licence_image where application_id = :id")
                .param("id", applicant.applicationId()).query(Long.class).single();
    }

    private long taxRows(Applicant applicant) {
        long rows = 0;
        for (String table : new String[] {"invoice", "receipt", "payment", "refund"}) {
            rows += jdbc.sql("select count(*) from " + table + " where application_id = :id")
                    .param("id", applicant.applicationId()).query(Long.class).single();
        }
        return rows;
    }

    /** Column names come back upper case on H2 and lower case on PostgreSQL. */
    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toLowerCase());
    }
}
