package org.certflow.portal;

import java.util.function.Function;

import org.certflow.mail.ApplicantMail;

/** The mails that bring the applicant to the portal, and the confirmation of what they entered there. */
public enum PortalMail implements ApplicantMail {
    UPLOAD_LINK("upload-link", heading -> heading.serviceName() + " " + heading.documentName() + "画像アップロードURL"),
    /** Asked for on the status page: a new link in place of the lost one, the same deadline. */
    UPLOAD_LINK_RESENT("upload-link-resent",
            heading -> heading.serviceName() + " " + heading.documentName() + "画像アップロードURL(再送)"),
    REGISTRATION_CONFIRMATION("registration-confirmation", heading -> heading.serviceName() + " 登録内容確認"),
    CORRECTION_REQUEST("correction-request", heading -> heading.serviceName() + " 申込内容修正のお願い"),
    /** Asked for on the status page: a new correction link in place of the lost one, the same deadline. */
    CORRECTION_REQUEST_RESENT("correction-request-resent",
            heading -> heading.serviceName() + " 申込内容修正のお願い(再送)");

    private final String template;
    private final Function<Heading, String> subject;

    PortalMail(String template, Function<Heading, String> subject) {
        this.template = template;
        this.subject = subject;
    }

    @Override
    public String template() {
        return template;
    }

    @Override
    public String subject(Heading heading) {
        return subject.apply(heading);
    }
}
