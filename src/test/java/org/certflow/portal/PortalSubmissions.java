package org.certflow.portal;

import org.certflow.application.Application;
import org.certflow.application.Qualification;
import org.springframework.stereotype.Component;

/** Lets tests outside the portal package submit what the applicant's forms submit, through the same service. */
@Component
public class PortalSubmissions {

    private final ApplicantSubmissions submissions;

    PortalSubmissions(ApplicantSubmissions submissions) {
        this.submissions = submissions;
    }

    /** The provisional application form: creates the application and starts its process. */
    public Application applyProvisionally(String email, Qualification qualification) {
        return submissions.applyProvisionally(email, qualification);
    }

    /** The main application's final submit, or the resubmission of a corrected application: whether it was sent. */
    public boolean submit(long applicationId, String pickupPassword) {
        return submissions.submit(applicationId, pickupPassword);
    }
}
