package org.certflow.portal;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/** The mails that bring the applicant to the portal, and the confirmation of what they entered there. */
public enum PortalMail implements ApplicantMail {
    UPLOAD_LINK(heading -> heading.serviceName() + " " + heading.documentName() + "画像アップロードURL"),
    /** Asked for on the status page: a new link in place of the lost one, the same deadline. */
    UPLOAD_LINK_RESENT(heading -> heading.serviceName() + " " + heading.documentName() + "画像アップロードURL(再送)"),
    REGISTRATION_CONFIRMATION(heading -> heading.serviceName() + " 登録内容確認"),
    CORRECTION_REQUEST(heading -> heading.serviceName() + " 申込内容修正のお願い"),
    /** Asked for on the status page: a new correction link in place of the lost one, the same deadline. */
    CORRECTION_REQUEST_RESENT(heading -> heading.serviceName() + " 申込内容修正のお願い(再送)");

    private final Function<Heading, String> subject;

    PortalMail(Function<Heading, String> subject) {
        this.subject = subject;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }
}
