package org.certflow.billing;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.certflow.application.Qualification;
import org.springframework.stereotype.Component;

/**
 * The fee of a certificate, net of tax, as the decision table {@code processes/fees.dmn} says: by qualification,
 * validity (1 or 2 years) and chamber membership. Operators change the figures there, not in code.
 */
@Component
public class FeeSchedule {

    static final String DECISION = "fee";

    private final DecisionService decisions;

    public FeeSchedule(DecisionService decisions) {
        this.decisions = decisions;
    }

    public int netFee(Qualification qualification, int validityYears, boolean chamberMember) {
        DmnDecisionResult result = decisions.evaluateDecisionByKey(DECISION)
                .variables(Variables.createVariables()
                        .putValue("qualification", qualification.name())
                        .putValue("validityYears", validityYears)
                        .putValue("chamberMember", chamberMember))
                .evaluate();
        if (result.isEmpty() || result.getSingleResult().getEntry("netFee") == null) {
            throw new IllegalStateException("processes/fees.dmn has no fee for " + qualification + ", "
                    + validityYears + " year(s), " + (chamberMember ? "member" : "non-member"));
        }
        return ((Number) result.getSingleResult().getEntry("netFee")).intValue();
    }
}
