package org.certflow.service;

/** The names the model and the code share: process keys, messages, variables. */
public final class ProcessConstants {

    public static final String CERTIFICATE_APPLICATION = "certificate-application";
    public static final String REVOCATION_REQUEST = "revocation-request";
    public static final String CRL_PUBLICATION = "crl-publication";
    /** One mail with a link to the application status page; started per request, business key the order number. */
    public static final String APPLICATION_STATUS_LINK = "application-status-link";

    public static final String MESSAGE_MAIN_APPLICATION_SUBMITTED = "MainApplicationSubmitted";
    public static final String MESSAGE_CORRECTED_APPLICATION_SUBMITTED = "CorrectedApplicationSubmitted";
    public static final String MESSAGE_CERTIFICATE_PICKED_UP = "CertificatePickedUp";
    public static final String MESSAGE_REVOCATION_REQUESTED = "RevocationRequested";
    /** A second pickup within the window: the first certificate is revoked, the life starts over. */
    public static final String MESSAGE_CERTIFICATE_REPLACED = "CertificateReplaced";
    /** The applicant asked on the status page for the main application's link again. */
    public static final String MESSAGE_UPLOAD_LINK_REQUESTED = "UploadLinkRequested";
    /**
     * Starts a {@code revocation-request} for the applicant who asked on the status page; business key the order
     * number.
     */
    public static final String MESSAGE_APPLICANT_REVOCATION_REQUESTED = "ApplicantRevocationRequested";
    /** The applicant withdrew the application on the status page, before paying anything. */
    public static final String MESSAGE_APPLICATION_WITHDRAWN = "ApplicationWithdrawn";
    /** The applicant asked on the status page for a new distribution letter: a task for ra-admins. */
    public static final String MESSAGE_LETTER_REISSUE_REQUESTED = "DistributionLetterReissueRequested";

    /**
     * Where a renewal enters the model: its application is made filled in from the old one, so it starts waiting for
     * the main application, without a provisional application or its mail.
     */
    public static final String ACTIVITY_WAIT_FOR_MAIN_APPLICATION = "WaitForMainApplication";

    /**
     * The id of the application row, for queries and Cockpit. Steps find their application by the business key
     * (the order number), which no task form can change.
     */
    public static final String VAR_APPLICATION_ID = "applicationId";
    /** approve, return or reject: set by the review task form. */
    public static final String VAR_REVIEW_DECISION = "reviewDecision";
    /** The eligibility check's form fields: eligible or not, the fee category to apply, the reason for a refusal. */
    public static final String VAR_ELIGIBLE = "eligible";
    public static final String VAR_FEE_CATEGORY = "feeCategory";
    public static final String VAR_ELIGIBILITY_REASON = "eligibilityReason";
    /** The reviewer's reason for returning or rejecting; the applicant receives it by mail. */
    public static final String VAR_REVIEW_COMMENT = "reviewComment";
    /** When the pickup window opened (issuance); the pickup timers count from it. */
    public static final String VAR_PICKUP_OPENED_AT = "pickupOpenedAt";
    /** The picked-up certificate's notAfter; the expiry notices count back from it. */
    public static final String VAR_CERTIFICATE_NOT_AFTER = "certificateNotAfter";
    /** The RFC 5280 reason code a revocation request's start form asks for; the request record keeps it. */
    public static final String VAR_REVOCATION_REASON = "revocationReason";
    /** What the applicant chose on the status page (an ApplicantRevocationReason); the request record keeps it. */
    public static final String VAR_APPLICANT_REVOCATION_REASON = "applicantRevocationReason";
    /** The requester's explanation of a revocation request; the request record keeps it. */
    public static final String VAR_REVOCATION_COMMENT = "revocationComment";
    /** Whether the invoice is paid in full; the payment loop decides on it. */
    public static final String VAR_PAID_IN_FULL = "paidInFull";
    /** The day the last payment reached the account (ISO date), for the receipt. */
    /** The first reviewer flagged doubt on approval: a second reviewer decides. */
    public static final String VAR_REVIEW_DOUBT = "reviewDoubt";
    /** approve or decline: the second ra-admin's answer to a revocation request. */
    public static final String VAR_REVOCATION_DECISION = "revocationDecision";
    /** approve or refuse: ra-admins' answer to a request for a new distribution letter. */
    public static final String VAR_LETTER_REISSUE_DECISION = "letterReissueDecision";
    /** Local input of every mail task: which mail it sends. */
    public static final String VAR_MAIL = "mail";
    /**
     * Local input of a mail task that one path may run more than once (a link sent again on request): what tells
     * the runs apart, so that each sends its mail once and a retried run none twice.
     */
    public static final String VAR_MAIL_OCCURRENCE = "occurrence";

    public static final String DECISION_APPROVE = "approve";
    public static final String DECISION_RETURN = "return";
    public static final String DECISION_REJECT = "reject";

    private ProcessConstants() {
    }
}
