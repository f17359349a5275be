package org.certflow.review;

import java.util.Collection;
import java.util.List;

import org.certflow.application.Application;
import org.certflow.mail.ApplicantMailContent;
import org.springframework.stereotype.Component;

/**
 * What the revocation request's mails say, from the request's record: the reason the applicant chose, the
 * certificate, their explanation, and for a decline the ra-admin's reason.
 */
@Component
class RevocationRequestMails implements ApplicantMailContent<RevocationRequestMail> {

    private final RevocationRequests requests;

    RevocationRequestMails(RevocationRequests requests) {
        this.requests = requests;
    }

    @Override
    public Collection<RevocationRequestMail> mails() {
        return List.of(RevocationRequestMail.values());
    }

    @Override
    public List<Copy> copies(RevocationRequestMail mail, Application application, String visit) {
        RevocationRequest request = requestOf(visit);
        return List.of(Copy.toApplicant(application, visit, draft -> {
            draft.put("serialNumber", request.serialNumber())
                    .put("applicantReason", request.applicantReason().label())
                    .put("comment", request.comment())
                    .putDate("requestedOn", request.requestedAt());
            if (mail == RevocationRequestMail.REVOCATION_REQUEST_DECLINED) {
                draft.put("decisionComment", request.decisionComment());
            }
        }));
    }

    /** The visit starts with the process instance of the request: {@code <instance>:<activity>}. */
    private RevocationRequest requestOf(String visit) {
        String processInstanceId = visit.substring(0, visit.indexOf(':'));
        return requests.ofProcessInstance(processInstanceId).filter(RevocationRequest::byApplicant)
                .orElseThrow(() -> new IllegalStateException("No applicant's revocation request in " + visit));
    }
}
