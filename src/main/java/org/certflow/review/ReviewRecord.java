package org.certflow.review;

import java.time.Instant;

/**
 * One review decision as the reviewer made it: the checklist, whether they doubted, and the reason the
 * applicant receives on return or rejection.
 */
public record ReviewRecord(long applicationId, int revision, Stage stage, String reviewer, String decision,
                           Checklist checklist, boolean doubt, String comment, Instant decidedAt) {

    /** The decision that approves, as the review form submits it. */
    public static final String APPROVE = "approve";

    /** The first review, or the second one that a doubt asks for. */
    public enum Stage {
        FIRST, SECOND
    }

    /** What the reviewer confirmed on the licence image. Approval needs every item. */
    public record Checklist(boolean numberReadable, boolean nameMatches, boolean imageLegible,
                            boolean qualificationMatches) {

        public boolean complete() {
            return numberReadable && nameMatches && imageLegible && qualificationMatches;
        }
    }
}
