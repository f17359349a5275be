package org.certflow.staff;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.billing.Invoice;
import org.certflow.billing.Payments.Payment;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.letter.LetterReissue;
import org.certflow.certificate.renewal.Renewal;
import org.certflow.certificate.renewal.RenewalChange;
import org.certflow.review.ReviewRecord;
import org.certflow.review.ReviewRecord.Stage;
import org.certflow.review.RevocationRequest;
import org.certflow.service.ProcessConstants;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What the staff task forms read, as JSON. A part the application does not have yet (the applicant's details, an
 * invoice, a certificate) is left out of the JSON, not sent empty.
 */
final class StaffViews {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JAPAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JAPAN);
    private static final Map<String, String> DECISION_LABELS = Map.of(
            ProcessConstants.DECISION_APPROVE, "承認",
            ProcessConstants.DECISION_RETURN, "修正依頼",
            ProcessConstants.DECISION_REJECT, "却下");

    private StaffViews() {
    }

    /** What confirm-payment.html shows: who pays, the invoice and the payments so far. */
    record PaymentView(String orderNumber, String qualification, @JsonUnwrapped Name name,
                       @JsonUnwrapped InvoiceSummary invoice, List<PaymentRow> payments) {

        static PaymentView of(Application application, Invoice invoice, long received, List<Payment> payments) {
            return new PaymentView(application.orderNumber(), application.qualification().displayName(),
                    Name.of(application), invoice == null ? null : InvoiceSummary.of(invoice, received),
                    payments.stream().map(PaymentRow::of).toList());
        }
    }

    record InvoiceSummary(String invoiceNumber, String invoiceIssuedOn, int invoiceTotal, String invoiceDueOn,
                          long received, long outstanding) {

        static InvoiceSummary of(Invoice invoice, long received) {
            return new InvoiceSummary(invoice.invoiceNumber(), invoice.issuedOn().toString(), invoice.totalAmount(),
                    invoice.dueOn().toString(), received, invoice.totalAmount() - received);
        }
    }

    record PaymentRow(String receivedOn, int amount, String recordedBy, String comment) {

        static PaymentRow of(Payment payment) {
            return new PaymentRow(payment.receivedOn().toString(), payment.amount(), payment.recordedBy(),
                    payment.comment());
        }
    }

    /** What review-application.html shows: the applicant's details and the earlier decisions; no money. */
    /**
     * @param licenceImageDeleted what the form shows instead of the image once its retention period deleted it
     */
    record ReviewView(String orderNumber, String qualification, String email, int validityYears,
                      boolean chamberMember, int revision, String reviewComment, @JsonUnwrapped Details details,
                      List<ReviewRow> reviews, boolean secondReview, RenewalView renewal, String licenceImageDeleted,
                      String consents) {

        static final String IMAGE_DELETED = "保存期間の経過により削除済み";

        static ReviewView of(Application application, List<ReviewRecord> reviews, boolean secondReview,
                             RenewalView renewal) {
            return of(application, reviews, secondReview, renewal, false);
        }

        static ReviewView of(Application application, List<ReviewRecord> reviews, boolean secondReview,
                             RenewalView renewal, boolean imageDeleted) {
            return new ReviewView(application.orderNumber(), application.qualification().displayName(),
                    application.personalDataReduced() ? Application.DELETED : application.email(),
                    application.validityYears(), application.chamberMember(),
                    application.revision(), application.reviewComment(),
                    application.hasDetails() ? Details.of(application.details()) : null,
                    reviews.stream().map(ReviewRow::of).toList(), secondReview, renewal,
                    imageDeleted ? IMAGE_DELETED : null, null);
        }

        /** The same view with the versions of the obligations and the privacy notice the applicant accepted. */
        ReviewView withConsents(String consents) {
            return new ReviewView(orderNumber, qualification, email, validityYears, chamberMember, revision,
                    reviewComment, details, reviews, secondReview, renewal, licenceImageDeleted, consents);
        }
    }

    /**
     * What the review form shows of a renewal: the certificate it renews, what the applicant changed against the
     * application that certificate was issued on, and whether the licence image is the one reviewed then.
     */
    record RenewalView(String summary, String previousOrderNumber, boolean revokePrevious,
                       boolean licenceImageCarried, List<RenewalChange> changes) {

        static RenewalView of(Renewal renewal, IssuedCertificate previous, String previousOrderNumber,
                              List<RenewalChange> changes) {
            return new RenewalView("更新申込（旧証明書 シリアル番号 " + previous.serialNumber() + ", 有効期限 "
                    + JAPAN_TIME.format(previous.notAfter()) + "）", previousOrderNumber, renewal.revokePrevious(),
                    renewal.licenceImageCarried(), changes);
        }
    }

    record Details(String familyName, String firstName, String familyNameKana, String firstNameKana,
                   String familyNameRomaji, String firstNameRomaji, String dateOfBirth, String officeName,
                   String phone, String postalCode, String address, String registrationNumber) {

        static Details of(ApplicantDetails details) {
            return new Details(details.familyName(), details.firstName(), details.familyNameKana(),
                    details.firstNameKana(), details.familyNameRomaji(), details.firstNameRomaji(),
                    String.valueOf(details.dateOfBirth()), details.officeName(), details.phone(),
                    details.postalCode(), details.address(), details.registrationNumber());
        }
    }

    record ReviewRow(String decidedAt, String stage, String reviewer, String decision, boolean doubt,
                     String comment) {

        static ReviewRow of(ReviewRecord review) {
            return new ReviewRow(JAPAN_TIME.format(review.decidedAt()), review.stage() == Stage.FIRST ? "一次" : "二次",
                    review.reviewer(), DECISION_LABELS.getOrDefault(review.decision(), review.decision()),
                    review.doubt(), review.comment());
        }
    }

    static final String APPLICANT_REQUESTER = "申込者本人（申込状況の確認ページから）";

    /** What revocation-approval.html shows: whose certificate, which one, and why. */
    record RevocationView(String orderNumber, String qualification, @JsonUnwrapped Name name, String serialNumber,
                          @JsonUnwrapped CertificateSummary certificate, String reason, String requester,
                          String comment) {

        static RevocationView of(Application application, RevocationRequest revocation,
                                 IssuedCertificate certificate) {
            return new RevocationView(application.orderNumber(), application.qualification().displayName(),
                    Name.of(application), revocation.serialNumber(),
                    certificate == null ? null : new CertificateSummary(certificate.subjectDn(),
                            JAPAN_TIME.format(certificate.notAfter())),
                    reason(revocation), requester(revocation), revocation.comment());
        }

        /** What the applicant chose, and the RFC 5280 reason the certificate is revoked with. */
        private static String reason(RevocationRequest revocation) {
            return revocation.byApplicant()
                    ? revocation.applicantReason().label() + "（失効理由: " + revocation.reason().label() + "）"
                    : revocation.reason().label();
        }

        static String requester(RevocationRequest revocation) {
            return revocation.byApplicant() ? APPLICANT_REQUESTER : revocation.requestedBy();
        }
    }

    /** What the letter request's form shows: the application as the review saw it, and the applicant's note. */
    record LetterReissueView(ReviewView application, String note, String requestedAt) {

        static LetterReissueView of(ReviewView application, LetterReissue reissue) {
            return new LetterReissueView(application, reissue.note(), JAPAN_TIME.format(reissue.requestedAt()));
        }
    }

    record CertificateSummary(String subject, String notAfter) {
    }

    record Name(String familyName, String firstName) {

        static Name of(Application application) {
            if (application.personalDataReduced()) {
                return new Name(Application.DELETED, null);
            }
            return application.hasDetails()
                    ? new Name(application.details().familyName(), application.details().firstName())
                    : null;
        }
    }

    /** Who saw an application's licence image and when. */
    record LicenceImageViewsView(String orderNumber, List<ViewRow> views) {
    }

    record ViewRow(String viewedAt, String viewedBy, String taskId) {

        static ViewRow of(LicenceImageViews.View seen) {
            return new ViewRow(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(seen.viewedAt().atZone(JAPAN)),
                    seen.viewedBy(), seen.taskId());
        }
    }
}
