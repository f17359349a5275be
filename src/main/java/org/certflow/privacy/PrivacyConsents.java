package org.certflow.privacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which version of the privacy notice an applicant consented to, and when; recorded with the application. */
@Component
public class PrivacyConsents {

    /** Recorded instead of a version when staff entered the application for the applicant at the counter. */
    public static final String STAFF_ENTRY = "staff-entry";

    /**
     * What an applicant accepted with the application: the obligations' and the privacy notice's versions and
     * when; the notice's are null for applications made before certflow asked for that consent.
     */
    public record Consent(String obligationsVersion, Instant obligationsAcceptedAt, String privacyNoticeVersion,
                          Instant privacyNoticeAcceptedAt) {

        /** As staff read it, e.g. 「利用者の義務 2026-11版、個人情報の取扱い 2026-12版」. */
        public String summary() {
            return "利用者の義務 " + label(obligationsVersion) + "、個人情報の取扱い " + label(privacyNoticeVersion);
        }

        private static String label(String version) {
            if (version == null) {
                return "同意の記録なし";
            }
            return STAFF_ENTRY.equals(version) ? "窓口で受付" : version + "版";
        }
    }

    private final JdbcClient jdbc;
    private final PrivacyNotice notice;

    public PrivacyConsents(JdbcClient jdbc, PrivacyNotice notice) {
        this.jdbc = jdbc;
        this.notice = notice;
    }

    /** The applicant consented to the notice the portal shows now. */
    public void recordConsent(long applicationId, Instant at) {
        record(applicationId, notice.version(), at);
    }

    /** The applicant was given the notice at the counter, where staff entered the application. */
    public void recordStaffEntry(long applicationId, Instant at) {
        record(applicationId, STAFF_ENTRY, at);
    }

    public Consent of(long applicationId) {
        return jdbc.sql("""
                select obligations_version, obligations_accepted_at, privacy_notice_version, privacy_notice_accepted_at
                from application where id = :id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new Consent(rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)),
                        rs.getString(3), instant(rs.getObject(4, OffsetDateTime.class))))
                .single();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private void record(long applicationId, String version, Instant at) {
        jdbc.sql("""
                update application set privacy_notice_version = :version, privacy_notice_accepted_at = :at
                where id = :id
                """)
                .param("version", version)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("id", applicationId)
                .update();
    }
}
