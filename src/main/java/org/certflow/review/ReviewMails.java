package org.certflow.review;

import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.certflow.application.Application;
import org.certflow.mail.ApplicantMailContent;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.JapaneseSpans;
import org.springframework.stereotype.Component;

/**
 * What the review's mails say: the reviewer's comment or the eligibility check's reason to the applicant, the
 * overdue notice to each ra-admin.
 */
@Component
class ReviewMails implements ApplicantMailContent<ReviewMail> {

    private static final String RA_ADMINS = "ra-admins";

    private final IdentityService identityService;
    private final DeadlineProperties deadlines;
    private final EligibilityRecords eligibility;

    ReviewMails(IdentityService identityService, DeadlineProperties deadlines, EligibilityRecords eligibility) {
        this.identityService = identityService;
        this.deadlines = deadlines;
        this.eligibility = eligibility;
    }

    @Override
    public Collection<ReviewMail> mails() {
        return List.of(ReviewMail.values());
    }

    @Override
    public List<Copy> copies(ReviewMail mail, Application application, String visit) {
        return switch (mail) {
            case REVIEW_COMPLETED -> List.of(Copy.toApplicant(application, visit, draft -> {
                // the part every mail has is all it needs
            }));
            case REJECTION -> List.of(Copy.toApplicant(application, visit,
                    draft -> draft.put("comment", application.reviewComment())));
            case NOT_ELIGIBLE -> List.of(Copy.toApplicant(application, visit, draft -> draft
                    .put("reason", eligibility.find(application.id()).filter(record -> !record.eligible())
                            .map(EligibilityRecord::reason).orElseThrow(() -> new IllegalStateException(
                                    "No refused eligibility check for " + application.orderNumber())))));
            case REVIEW_OVERDUE -> raAdmins().stream()
                    .map(admin -> new Copy(visit + ":" + application.revision() + ":" + admin.getId(),
                            admin.getEmail(),
                            draft -> draft.put("reviewOverdueAfter", JapaneseSpans.of(deadlines.reviewEscalation()))))
                    .toList();
        };
    }

    private List<User> raAdmins() {
        return identityService.createUserQuery().memberOfGroup(RA_ADMINS).list().stream()
                .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
                .toList();
    }
}
