package org.certflow.portal;

import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

import org.certflow.application.Application;
import org.certflow.mail.ApplicantMailContent;
import org.certflow.mail.MailDraft;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.stereotype.Component;

/** What the portal's mails say: a fresh one-time link where the applicant is asked to (re)enter the application. */
@Component
class PortalMails implements ApplicantMailContent<PortalMail> {

    private static final DateTimeFormatter LINK_EXPIRY = DateTimeFormatter.ofPattern("yyyy年M月d日 H時mm分");

    private final OneTimeLinks links;
    private final ServiceProperties service;
    private final DeadlineProperties deadlines;

    PortalMails(OneTimeLinks links, ServiceProperties service, DeadlineProperties deadlines) {
        this.links = links;
        this.service = service;
        this.deadlines = deadlines;
    }

    @Override
    public Collection<PortalMail> mails() {
        return List.of(PortalMail.values());
    }

    @Override
    public List<Copy> copies(PortalMail mail, Application application, String visit) {
        return List.of(Copy.toApplicant(application, visit, draft -> {
            switch (mail) {
                case UPLOAD_LINK -> putLink(draft, links.create(application.id(),
                        OneTimeLinks.Purpose.MAIN_APPLICATION));
                case UPLOAD_LINK_RESENT -> putLink(draft, links.reissue(application.id(),
                        OneTimeLinks.Purpose.MAIN_APPLICATION));
                case CORRECTION_REQUEST -> {
                    putLink(draft, links.create(application.id(), OneTimeLinks.Purpose.CORRECTION));
                    draft.put("comment", application.reviewComment());
                }
                case CORRECTION_REQUEST_RESENT -> {
                    putLink(draft, links.reissue(application.id(), OneTimeLinks.Purpose.CORRECTION));
                    draft.put("comment", application.reviewComment());
                }
                case REGISTRATION_CONFIRMATION -> {
                    // the part every mail has is all it needs
                }
            }
        }));
    }

    private void putLink(MailDraft draft, OneTimeLinks.IssuedLink link) {
        draft.put("link", service.url("/link/" + link.token()))
                .put("linkExpiresAt", link.expiresAt().atZone(deadlines.zone()).format(LINK_EXPIRY));
    }
}
