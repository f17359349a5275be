package org.certflow.portal;

import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

import org.certflow.application.Application;
import org.certflow.billing.Payments;
import org.certflow.mail.ApplicantMailContent;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.springframework.stereotype.Component;

/** What the status page's mails say: a fresh status link, or the end of a withdrawn application (and
 * whether a refund follows). */
@Component
class StatusMails implements ApplicantMailContent<StatusMail> {

    private static final DateTimeFormatter LINK_EXPIRY = DateTimeFormatter.ofPattern("yyyy年M月d日 H時mm分");

    private final OneTimeLinks links;
    private final StatusPageSettings settings;
    private final ServiceProperties service;
    private final DeadlineProperties deadlines;
    private final Payments payments;

    StatusMails(OneTimeLinks links, StatusPageSettings settings, ServiceProperties service,
                DeadlineProperties deadlines, Payments payments) {
        this.links = links;
        this.settings = settings;
        this.service = service;
        this.deadlines = deadlines;
        this.payments = payments;
    }

    @Override
    public Collection<StatusMail> mails() {
        return List.of(StatusMail.values());
    }

    @Override
    public List<Copy> copies(StatusMail mail, Application application, String visit) {
        return List.of(Copy.toApplicant(application, visit, draft -> {
            switch (mail) {
                case STATUS_LINK -> {
                    OneTimeLinks.IssuedLink link = links.create(application.id(), OneTimeLinks.Purpose.STATUS,
                            settings.linkValidity());
                    draft.put("link", service.url("/status/link/" + link.token()))
                            .put("linkExpiresAt", link.expiresAt().atZone(deadlines.zone()).format(LINK_EXPIRY));
                }
                case WITHDRAWAL -> draft.put("paid", payments.totalReceived(application.id()) > 0);
            }
        }));
    }
}
