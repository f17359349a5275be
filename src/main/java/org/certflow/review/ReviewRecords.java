package org.certflow.review;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.certflow.review.ReviewRecord.Checklist;
import org.certflow.review.ReviewRecord.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every review decision, kept for accountability; rows are only added. */
@Component
public class ReviewRecords {

    private final JdbcClient jdbc;

    public ReviewRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(ReviewRecord record) {
        jdbc.sql("""
                insert into review_record (application_id, revision, stage, reviewer, decision, number_readable,
                    name_matches, image_legible, qualification_matches, doubt, comment, decided_at)
                values (:applicationId, :revision, :stage, :reviewer, :decision, :numberReadable, :nameMatches,
                    :imageLegible, :qualificationMatches, :doubt, :comment, :decidedAt)
                """)
                .param("applicationId", record.applicationId())
                .param("revision", record.revision())
                .param("stage", record.stage().name())
                .param("reviewer", record.reviewer())
                .param("decision", record.decision())
                .param("numberReadable", record.checklist().numberReadable())
                .param("nameMatches", record.checklist().nameMatches())
                .param("imageLegible", record.checklist().imageLegible())
                .param("qualificationMatches", record.checklist().qualificationMatches())
                .param("doubt", record.doubt())
                .param("comment", record.comment())
                .param("decidedAt", OffsetDateTime.ofInstant(record.decidedAt(), ZoneOffset.UTC))
                .update();
    }

    /** The decisions on an application, oldest first. */
    public List<ReviewRecord> of(long applicationId) {
        return jdbc.sql("""
                select application_id, revision, stage, reviewer, decision, number_readable, name_matches,
                    image_legible, qualification_matches, doubt, comment, decided_at
                from review_record where application_id = :id order by id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new ReviewRecord(rs.getLong(1), rs.getInt(2), Stage.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5),
                        new Checklist(rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9)),
                        rs.getBoolean(10), rs.getString(11), rs.getObject(12, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Who made the latest first review of this version of the application: the second review must be another. */
    public Optional<String> firstReviewer(long applicationId, int revision) {
        return of(applicationId).stream()
                .filter(review -> review.stage() == Stage.FIRST && review.revision() == revision)
                .reduce((earlier, later) -> later)
                .map(ReviewRecord::reviewer);
    }

    /**
     * Whether this version of the application was approved for good: its latest decision is an approval, made
     * by a first review without doubt or, after a doubt, by a second reviewer who is not the first.
     */
    public boolean approved(long applicationId, int revision) {
        List<ReviewRecord> decisions = of(applicationId).stream().filter(review -> review.revision() == revision)
                .toList();
        if (decisions.isEmpty()) {
            return false;
        }
        ReviewRecord last = decisions.get(decisions.size() - 1);
        if (!ReviewRecord.APPROVE.equals(last.decision())) {
            return false;
        }
        return last.stage() == Stage.FIRST ? !last.doubt()
                : firstReviewer(applicationId, revision).filter(first -> !first.equals(last.reviewer())).isPresent();
    }
}
