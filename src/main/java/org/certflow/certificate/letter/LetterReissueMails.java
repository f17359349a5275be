package org.certflow.certificate.letter;

import java.util.Collection;
import java.util.List;

import org.certflow.application.Application;
import org.certflow.mail.ApplicantMailContent;
import org.certflow.service.ServiceProperties;
import org.springframework.stereotype.Component;

/**
 * What the letter request's mails say: where the status page is and, for a refusal, the reason ra-admins gave.
 * The new password is never mailed; it exists only in the downloaded letter.
 */
@Component
class LetterReissueMails implements ApplicantMailContent<LetterReissueMail> {

    private final LetterReissues reissues;
    private final ServiceProperties service;

    LetterReissueMails(LetterReissues reissues, ServiceProperties service) {
        this.reissues = reissues;
        this.service = service;
    }

    @Override
    public Collection<LetterReissueMail> mails() {
        return List.of(LetterReissueMail.values());
    }

    @Override
    public List<Copy> copies(LetterReissueMail mail, Application application, String visit) {
        return List.of(Copy.toApplicant(application, visit, draft -> {
            draft.put("statusUrl", service.url("/status"));
            if (mail == LetterReissueMail.LETTER_REISSUE_REFUSED) {
                draft.put("reason", reissues.latest(application.id()).map(LetterReissue::decisionReason).orElse(""));
            }
        }));
    }
}
