package org.certflow.process;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.retention.LicenceImageDisposal;
import org.certflow.retention.PersonalDataReduction;
import org.certflow.retention.RetentionSchedule;
import org.certflow.retention.TaxRecordDisposal;
import org.certflow.retention.TaxRecordDisposal.RetainedRecord;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletion at the applicant's request (APPI art. 35): what certflow holds about one application goes now instead of
 * at the end of its retention period, where no duty to keep it remains. The application must have ended (its
 * instance waits in the model's retention tail); the licence image and the personal data go at once, and the tail's
 * timers for them are brought forward so the model forgets the rest (variables, history) in its own steps. Invoices,
 * receipts and return invoices stay until their legal period ends, and the CA's records of issued and revoked
 * certificates stay as the CA must keep them: the outcome says so, with the dates.
 */
@Component
public class PersonalDataErasure {

    /** The tail's timers that wait only for the personal data's or the image's period. */
    static final Set<String> PERSONAL_DATA_TIMERS = Set.of("ApprovedLicenceImageRetentionEnded",
            "LicenceImageRetentionEnded", "PersonalDataRetentionEnded");

    private static final DateTimeFormatter JAPANESE_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    /**
     * @param erased  whether anything was deleted now
     * @param refusal why nothing was deleted, when nothing was
     * @param kept    what stays, and until when, each as a sentence the applicant can be told
     */
    public record Outcome(boolean erased, String refusal, List<String> kept) {
    }

    private final ApplicationRepository applications;
    private final RetentionSchedule schedule;
    private final LicenceImageDisposal images;
    private final PersonalDataReduction reduction;
    private final TaxRecordDisposal taxRecords;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final Clock clock;

    public PersonalDataErasure(ApplicationRepository applications, RetentionSchedule schedule,
                               LicenceImageDisposal images, PersonalDataReduction reduction,
                               TaxRecordDisposal taxRecords, RuntimeService runtimeService,
                               ManagementService managementService, Clock clock) {
        this.applications = applications;
        this.schedule = schedule;
        this.images = images;
        this.reduction = reduction;
        this.taxRecords = taxRecords;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.clock = clock;
    }

    /** What a deletion now would do, without doing it: the refusal, or what would stay. */
    public Outcome preview(long applicationId) {
        Application application = applications.get(applicationId);
        String refusal = refusal(application);
        return new Outcome(false, refusal, refusal == null ? kept(applicationId) : List.of());
    }

    @Transactional
    public Outcome erase(long applicationId) {
        Application application = applications.lock(applicationId);
        String refusal = refusal(application);
        if (refusal != null) {
            return new Outcome(false, refusal, List.of());
        }
        Instant now = clock.instant();
        images.dispose(applicationId, LicenceImageDisposal.Reason.ERASURE_REQUEST, now);
        reduction.reduce(applicationId, now);
        Date due = Date.from(now);
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION)
                .processInstanceBusinessKey(application.orderNumber()).list()) {
            for (String timer : PERSONAL_DATA_TIMERS) {
                for (Job job : managementService.createJobQuery().processInstanceId(instance.getId())
                        .activityId(timer).timers().list()) {
                    managementService.setJobDuedate(job.getId(), due);
                }
            }
        }
        return new Outcome(true, null, kept(applicationId));
    }

    private String refusal(Application application) {
        if (application.personalDataReduced()) {
            return "この申込みの個人データは削除済みです。";
        }
        if (schedule.endedAt(application.id()).isEmpty()) {
            return "お申込みが終了していないため削除できません（現在の状態: " + application.status().label()
                    + "）。取下げ、失効または終了の後に削除できます。";
        }
        return null;
    }

    private List<String> kept(long applicationId) {
        List<String> kept = new ArrayList<>();
        List<RetainedRecord> records = taxRecords.retained(applicationId);
        records.stream().max(Comparator.comparing(RetainedRecord::retainedUntil)).ifPresent(last -> kept.add(
                String.join("・", records.stream().map(RetainedRecord::kind).distinct().toList())
                        + "は法人税法・電子帳簿保存法による保存義務があるため、"
                        + JAPANESE_DAY.format(last.retainedUntil()) + "まで保存し、その後に自動で削除します。"));
        kept.add("受付番号・申込みの状態と日付、審査の判断者、発行・失効した電子証明書の記録は、"
                + "認証業務の記録として保存します。");
        return kept;
    }

}
