package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.EmailAddresses;
import org.certflow.application.Qualification;
import org.certflow.privacy.PrivacyConsents;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * Staff may enter a provisional application for an applicant through the start form in Tasklist.
 * The form's values arrive as variables; they become an application row, and the personal data
 * leaves the process again. Instances started by the portal already carry their application id.
 */
@Component("provisionalApplication")
public class ProvisionalApplicationStart {

    static final String FORM_EMAIL = "email";
    static final String FORM_QUALIFICATION = "qualification";
    /** Recorded instead of an obligations version: the applicant accepted them at the counter, not online. */
    static final String STAFF_ENTRY = "staff-entry";

    private final ApplicationRepository applications;
    private final PrivacyConsents privacyConsents;
    private final Clock clock;

    public ProvisionalApplicationStart(ApplicationRepository applications, PrivacyConsents privacyConsents,
                                       Clock clock) {
        this.applications = applications;
        this.privacyConsents = privacyConsents;
        this.clock = clock;
    }

    public void registerStartedFromForm(DelegateExecution execution) {
        if (execution.hasVariable(ProcessConstants.VAR_APPLICATION_ID)) {
            return;
        }
        String email = EmailAddresses.normalize(String.valueOf(execution.getVariable(FORM_EMAIL)));
        if (!EmailAddresses.isValid(email)) {
            throw new IllegalArgumentException("メールアドレスの形式が正しくありません");
        }
        Qualification qualification = java.util.Arrays.stream(Qualification.values())
                .filter(q -> q.name().equals(execution.getVariable(FORM_QUALIFICATION)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("資格を選択してください"));
        Application application = applications.createProvisional(email, qualification,
                STAFF_ENTRY, clock.instant());
        // like the obligations: the counter hands the applicant the privacy notice on paper
        privacyConsents.recordStaffEntry(application.id(), clock.instant());
        execution.removeVariable(FORM_EMAIL);
        execution.removeVariable(FORM_QUALIFICATION);
        execution.setVariable(ProcessConstants.VAR_APPLICATION_ID, application.id());
        execution.setProcessBusinessKey(application.orderNumber());
    }
}
