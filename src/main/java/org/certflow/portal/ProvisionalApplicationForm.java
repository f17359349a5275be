package org.certflow.portal;

/** Step 0 and 1: the obligations and the privacy notice accepted, an email address and a qualification. */
public class ProvisionalApplicationForm {

    private String email;
    private String emailConfirmation;
    private String qualification;
    private boolean obligationsAccepted;
    private boolean privacyNoticeAccepted;

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getEmailConfirmation() {
        return emailConfirmation;
    }

    public void setEmailConfirmation(String emailConfirmation) {
        this.emailConfirmation = emailConfirmation;
    }

    public String getQualification() {
        return qualification;
    }

    public void setQualification(String qualification) {
        this.qualification = qualification;
    }

    public boolean isObligationsAccepted() {
        return obligationsAccepted;
    }

    public void setObligationsAccepted(boolean obligationsAccepted) {
        this.obligationsAccepted = obligationsAccepted;
    }

    public boolean isPrivacyNoticeAccepted() {
        return privacyNoticeAccepted;
    }

    public void setPrivacyNoticeAccepted(boolean privacyNoticeAccepted) {
        this.privacyNoticeAccepted = privacyNoticeAccepted;
    }
}
