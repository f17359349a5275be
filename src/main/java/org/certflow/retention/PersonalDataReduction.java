package org.certflow.retention;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.certflow.application.Application;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reduces an application to what a kept record needs once its personal data has served: the applicant's names,
 * date of birth, office, phone, postal code, address, registration number and mail address are emptied, with the
 * free texts that may name them (the review's comment to the applicant, the notes of a letter request, the reason
 * of an eligibility refusal, the reviewers' comments), the mail log's recipients and the names in its subjects;
 * the application's links are deleted. What stays: the order number, status, qualification, dates, the accepted
 * terms' version, who decided what, the CA's certificate records and the tax records (each of those carries its own
 * copy of the counterparty and has its own period). Running it again changes nothing.
 */
@Component
public class PersonalDataReduction {


    /** The label {@code BN-<FamilyName>.<FirstName>} that certificate mails carry in their subject. */
    private static final Pattern PICKUP_LABEL = Pattern.compile(" : BN-\\S*");

    private final JdbcClient jdbc;

    public PersonalDataReduction(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void reduce(long applicationId, Instant now) {
        jdbc.sql("""
                update application set email = null, family_name = null, first_name = null, family_name_kana = null,
                    first_name_kana = null, family_name_romaji = null, first_name_romaji = null, date_of_birth = null,
                    office_name = null, phone = null, postal_code = null, address = null, registration_number = null,
                    review_comment = null, pickup_password_hash = null,
                    personal_data_reduced_at = coalesce(personal_data_reduced_at, :now), updated_at = :now
                where id = :id
                """).param("id", applicationId).param("now", RetentionSchedule.utc(now)).update();
        jdbc.sql("update mail_log set recipient = :deleted where application_id = :id")
                .param("deleted", Application.DELETED).param("id", applicationId).update();
        record Subject(long id, String subject) {
        }
        List<Subject> named = jdbc.sql("select id, subject from mail_log where application_id = :id")
                .param("id", applicationId).query((rs, n) -> new Subject(rs.getLong(1), rs.getString(2))).list();
        for (Subject mail : named) {
            String reduced = PICKUP_LABEL.matcher(mail.subject()).replaceAll("");
            if (!reduced.equals(mail.subject())) {
                jdbc.sql("update mail_log set subject = :subject where id = :id")
                        .param("subject", reduced).param("id", mail.id()).update();
            }
        }
        jdbc.sql("delete from one_time_link where application_id = :id").param("id", applicationId).update();
        jdbc.sql("delete from renewal_link where application_id = :id").param("id", applicationId).update();
        jdbc.sql("update letter_reissue set note = null, decision_reason = null where application_id = :id")
                .param("id", applicationId).update();
        jdbc.sql("update eligibility_check set reason = null where application_id = :id")
                .param("id", applicationId).update();
        jdbc.sql("update review_record set comment = null where application_id = :id")
                .param("id", applicationId).update();
    }

    public boolean reduced(long applicationId) {
        return jdbc.sql("select count(*) from application where id = :id and personal_data_reduced_at is not null")
                .param("id", applicationId).query(Long.class).single() > 0;
    }
}
