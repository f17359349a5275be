package org.certflow.certificate.letter;

import java.time.Instant;
import java.util.Set;

import org.certflow.application.ApplicationStatus;

/**
 * An applicant's request for a new distribution letter, as certflow recorded it: what they wrote, and once
 * decided, who of ra-admins decided what (the user the engine authenticated), when the old password was retired
 * and when the new letter was downloaded.
 */
public record LetterReissue(long id, long applicationId, String note, Instant requestedAt, String decision,
                            String decidedBy, String decisionReason, Instant decidedAt, Instant passwordRetiredAt,
                            Instant downloadedAt) {

    public static final String APPROVE = "approve";
    public static final String REFUSE = "refuse";

    /**
     * Where the model takes a request: while the review or the pickup waits. Before that the applicant has not
     * needed the letter yet; after the pickup no letter is needed again.
     */
    public static final Set<ApplicationStatus> REQUESTABLE = Set.of(ApplicationStatus.IN_REVIEW,
            ApplicationStatus.AWAITING_PICKUP);

    /** Where a new letter still serves: from the review until the certificate is picked up. */
    public static boolean beforePickup(ApplicationStatus status) {
        return REQUESTABLE.contains(status) || status == ApplicationStatus.RETURNED_FOR_CORRECTION;
    }

    /** Waiting for ra-admins. */
    public boolean undecided() {
        return decision == null;
    }

    public boolean refused() {
        return REFUSE.equals(decision);
    }

    /** Approved, the old password retired, and the new letter not yet fetched: the status page offers it. */
    public boolean downloadable() {
        return APPROVE.equals(decision) && passwordRetiredAt != null && downloadedAt == null;
    }

    /** Approved, the old password about to be retired: the new letter is offered a moment later. */
    public boolean preparing() {
        return APPROVE.equals(decision) && passwordRetiredAt == null;
    }

    /** Still in hand: undecided, or approved with its letter still to come. A new request waits for its end. */
    public boolean open() {
        return undecided() || (APPROVE.equals(decision) && downloadedAt == null);
    }
}
