package org.certflow.operations;

import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The administrator named by the settings is created at the first start, under the staff password policy; a
 * password the policy refuses stops the start, and the operator learns which setting to change and how.
 */
class AdministratorPasswordFailureAnalyzer extends AbstractFailureAnalyzer<ProcessEngineException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProcessEngineException cause) {
        if (!"Password does not match policy".equals(cause.getMessage())) {
            return null;
        }
        return new FailureAnalysis(
                "certflow cannot start: the administrator's password (camunda.bpm.admin-user.password, the "
                        + "environment variable CERTFLOW_ADMIN_PASSWORD in production) does not meet the staff "
                        + "password policy.",
                "Set CERTFLOW_ADMIN_PASSWORD to at least 10 characters with a capital letter, a small letter, a digit "
                        + "and a sign, not containing the user's id or name.",
                cause);
    }
}
