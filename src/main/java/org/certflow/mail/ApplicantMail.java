package org.certflow.mail;

/**
 * Every mail certflow sends about an application, with the seed's exact subject.
 * {@code %s} stand for the service name (a prefix where the seed has one), then the order number and label.
 */
public enum ApplicantMail {
    UPLOAD_LINK("upload-link"),
    REGISTRATION_CONFIRMATION("registration-confirmation"),
    INVOICE("invoice"),
    PAYMENT_REMINDER("payment-reminder"),
    PAYMENT_CANCELLED("payment-cancelled"),
    /** After payment in full, with the receipt (領収書); one of the seed's "other" mails. */
    PAYMENT_RECEIVED("payment-received"),
    REVIEW_COMPLETED("review-completed"),
    CORRECTION_REQUEST("correction-request"),
    REJECTION("rejection"),
    PICKUP("pickup"),
    PICKUP_REMINDER("pickup-reminder"),
    PICKUP_SECOND_REMINDER("pickup-second-reminder"),
    AUTOMATIC_CANCELLATION("automatic-cancellation"),
    EXPIRY_THREE_MONTHS("expiry-notice"),
    EXPIRY_ONE_MONTH("expiry-notice"),
    EXPIRY_DAY("expiry-notice"),
    REVOCATION("revocation"),
    /** Each certificate issued at a pickup, sent once per certificate. */
    CERTIFICATE_ISSUED("certificate-issued"),
    /** Each certificate revoked because a later pickup replaced it, sent once per certificate. */
    CERTIFICATE_SUPERSEDED("certificate-superseded"),
    /** To the {@code ra-admins} group, not to the applicant. */
    REVIEW_OVERDUE("review-overdue");

    private final String template;

    ApplicantMail(String template) {
        this.template = template;
    }

    /** The body template under {@code mail/}. */
    public String template() {
        return template;
    }

    public String subject(String serviceName, String documentName, String orderNumber, String pickupLabel) {
        return switch (this) {
            case UPLOAD_LINK -> serviceName + " " + documentName + "画像アップロードURL";
            case REGISTRATION_CONFIRMATION -> serviceName + " 登録内容確認";
            case INVOICE -> serviceName + " 請求書";
            case PAYMENT_REMINDER -> serviceName + " 入金のお願い";
            case PAYMENT_CANCELLED -> serviceName + " お申込みキャンセルのお知らせ";
            case PAYMENT_RECEIVED -> serviceName + " 入金確認のお知らせ";
            case REVIEW_COMPLETED -> serviceName + " 審査完了のお知らせ";
            case CORRECTION_REQUEST -> serviceName + " 申込内容修正のお願い";
            case REJECTION -> serviceName + " 審査結果のお知らせ";
            case PICKUP -> "電子証明書取得のお願い/ " + orderNumber + " : " + pickupLabel;
            case PICKUP_REMINDER -> "電子証明書取得のお願い(再送)/ " + orderNumber + " : " + pickupLabel;
            case PICKUP_SECOND_REMINDER -> "電子証明書取得のお願い(再再送)/ " + orderNumber + " : " + pickupLabel;
            case AUTOMATIC_CANCELLATION -> "電子証明書自動キャンセルのお知らせ/ " + orderNumber + " : " + pickupLabel;
            case EXPIRY_THREE_MONTHS -> serviceName + " 有効期限のお知らせ(三ヶ月前)";
            case EXPIRY_ONE_MONTH -> serviceName + " 有効期限のお知らせ(一ヶ月前)";
            case EXPIRY_DAY -> serviceName + " 有効期限のお知らせ(当日)";
            case REVOCATION, CERTIFICATE_SUPERSEDED -> serviceName + " 失効のお知らせ";
            case CERTIFICATE_ISSUED -> "電子証明書発行のお知らせ/ " + orderNumber + " : " + pickupLabel;
            case REVIEW_OVERDUE -> serviceName + " 審査期限超過 " + orderNumber;
        };
    }
}
