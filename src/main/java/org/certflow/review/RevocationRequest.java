package org.certflow.review;

import java.time.Instant;

import org.certflow.certificate.RevocationReason;

/**
 * A revocation request as certflow recorded it: what the requester asked for (the certificate by its serial
 * number, the reason, the explanation) and, once decided, who decided what. The requester is the user the
 * engine authenticated when staff started the request, or the applicant (then {@code applicantReason} says what
 * they chose on the status page); the approver the one who completed its approval.
 */
public record RevocationRequest(long id, String processInstanceId, long applicationId, String serialNumber,
                                RevocationReason reason, String comment, String requestedBy, Instant requestedAt,
                                String decision, String decidedBy, Instant decidedAt, String decisionComment,
                                ApplicantRevocationReason applicantReason) {

    /** Prefixes the order number in {@code requestedBy}; a colon never occurs in a staff user's id. */
    public static final String APPLICANT = "applicant:";

    public static final String APPROVE = "approve";
    public static final String DECLINE = "decline";

    public boolean byApplicant() {
        return applicantReason != null;
    }

    public boolean approved() {
        return APPROVE.equals(decision);
    }

    /** Who approved the revocation; null while it waits or when it was declined. */
    public String approvedBy() {
        return approved() ? decidedBy : null;
    }
}
