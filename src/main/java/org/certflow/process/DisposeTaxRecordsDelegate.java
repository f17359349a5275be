package org.certflow.process;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.retention.RetentionProperties;
import org.certflow.retention.TaxRecordDisposal;
import org.springframework.stereotype.Component;

/**
 * 請求書・領収書・入金記録を削除: their statutory period has ended. A refusal (a period not over, e.g. after the settings
 * were lengthened) fails the job and becomes an incident in Cockpit, deleting nothing.
 */
@Component("disposeTaxRecords")
public class DisposeTaxRecordsDelegate implements JavaDelegate {

    private final TaxRecordDisposal disposal;
    private final ProcessApplications processApplications;
    private final RetentionProperties properties;
    private final Clock clock;

    public DisposeTaxRecordsDelegate(TaxRecordDisposal disposal, ProcessApplications processApplications,
                                     RetentionProperties properties, Clock clock) {
        this.disposal = disposal;
        this.processApplications = processApplications;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        disposal.dispose(processApplications.idOf(execution), clock.instant().atZone(properties.zone()).toLocalDate());
    }
}
