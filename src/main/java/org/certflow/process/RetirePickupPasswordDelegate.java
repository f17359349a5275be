package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.certificate.letter.LetterReissues;
import org.springframework.stereotype.Component;

/** The approved request's effect: the old letter's password stops logging in and the new letter is offered. */
@Component("retirePickupPassword")
public class RetirePickupPasswordDelegate implements JavaDelegate {

    private final LetterReissues reissues;
    private final ProcessApplications processApplications;
    private final Clock clock;

    public RetirePickupPasswordDelegate(LetterReissues reissues, ProcessApplications processApplications,
                                        Clock clock) {
        this.reissues = reissues;
        this.processApplications = processApplications;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reissues.retireOldPassword(processApplications.idOf(execution), clock.instant());
    }
}
