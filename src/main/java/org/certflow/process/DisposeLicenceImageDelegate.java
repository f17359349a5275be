package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.retention.LicenceImageDisposal;
import org.springframework.stereotype.Component;

/** 免許証画像を削除: the image's retention period has ended. */
@Component("disposeLicenceImage")
public class DisposeLicenceImageDelegate implements JavaDelegate {

    private final LicenceImageDisposal disposal;
    private final ProcessApplications processApplications;
    private final Clock clock;

    public DisposeLicenceImageDelegate(LicenceImageDisposal disposal, ProcessApplications processApplications,
                                       Clock clock) {
        this.disposal = disposal;
        this.processApplications = processApplications;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        disposal.dispose(processApplications.idOf(execution), LicenceImageDisposal.Reason.RETENTION, clock.instant());
    }
}
