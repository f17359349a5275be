package org.certflow.model;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.certflow.service.DeadlineProperties;
import org.certflow.service.Deadlines;
import org.certflow.service.ProcessConstants;

/**
 * Stand-ins for every bean the models name, so that a model runs on a plain engine: each records what the model
 * asked of it under the instance's business key, and a step can be made to fail. Only {@code deadlines} is the real
 * one (with the seed's defaults), because the timers are what these tests walk. Public, with public methods: the
 * engine's expression language calls them by reflection.
 */
public final class ModelBeans {

    /** The seed's deadlines, as {@code certflow.deadlines.*} defaults them. */
    static final DeadlineProperties SEED_DEADLINES = new DeadlineProperties(Duration.ofDays(7), Duration.ofDays(14),
            Duration.ofDays(30), Duration.ofDays(10), Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(1),
            Duration.ofHours(4), Period.ofDays(15), Period.ofDays(30),
            Period.ofDays(30), Period.ofMonths(3), Period.ofMonths(1), LocalTime.of(9, 0), ZoneId.of("Asia/Tokyo"),
            Duration.ofDays(14), Duration.ofDays(3));
    /** Distinct from the engine's own default (three immediate tries), so that a test sees the model reads it. */
    static final String RETRY_CYCLE = "R2/PT10M";
    static final String CRL_CYCLE = "R/PT12H";
    /** The business key of the calls that belong to no application (the CRL cycle). */
    static final String SERVICE = "service";

    private final Map<String, List<String>> calls = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Set<String> otherQualifications = new HashSet<>();
    private final Set<String> paid = new HashSet<>();
    private final Set<String> applicantRequests = new HashSet<>();
    private final Set<String> keyCompromises = new HashSet<>();
    private final Map<String, Date> decidedAt = new HashMap<>();
    private final Map<String, Date> endedAt = new HashMap<>();

    /** The beans under the names the models use. */
    Map<Object, Object> byName() {
        return Map.ofEntries(
                Map.entry("deadlines", new Deadlines(SEED_DEADLINES)),
                Map.entry("jobRetries", new JobRetries()),
                Map.entry("applicationStatus", new ApplicationStatus()),
                Map.entry("provisionalApplication", new ProvisionalApplication()),
                Map.entry("staffTasks", new StaffTasks()),
                Map.entry("paymentConfirmation", new TaskCheck("payment checked")),
                Map.entry("reviewDecisionCheck", new TaskCheck("review checked")),
                Map.entry("eligibilityCheck", new EligibilityCheck()),
                Map.entry("revocationApproval", new TaskCheck("revocation approval checked")),
                Map.entry("reviewOutcome", new ReviewOutcome()),
                Map.entry("sendApplicantMail", step(execution -> "mail " + execution.getVariableLocal(ProcessConstants.VAR_MAIL))),
                Map.entry("issueInvoice", step(execution -> "invoice")),
                Map.entry("issueReceipt", step(execution -> "receipt")),
                Map.entry("revokeCertificate", step(execution -> "revoke")),
                Map.entry("revokeSupersededCertificate", step(execution -> "revoke superseded")),
                Map.entry("checkRevocationRequest", step(execution -> "check revocation request")),
                Map.entry("recordApplicantRevocationRequest", step(execution -> "record applicant's revocation request")),
                Map.entry("revocationRecord", new RevocationRecord()),
                Map.entry("requestRevocation", step(execution -> "request revocation")),
                Map.entry("crlPublication", new CrlPublication()),
                Map.entry("serviceCertificates", new ServiceCertificates()),
                Map.entry("withdrawalCheck", new WithdrawalCheck()),
                Map.entry("refundRecording", new RefundRecording()),
                Map.entry("issueReturnInvoice", step(execution -> "return invoice")),

                Map.entry("letterReissueApproval", new LetterReissueApproval()),
                Map.entry("retention", new Retention()),
                Map.entry("disposeLicenceImage", step(execution -> "dispose licence image")),
                Map.entry("reducePersonalData", step(execution -> "reduce personal data")),
                Map.entry("forgetPersonalDataInHistory", step(execution -> "forget personal data in history")),
                Map.entry("disposeTaxRecords", step(execution -> "dispose tax records")),
                Map.entry("retirePickupPassword", step(execution -> "retire pickup password")));
    }

    /** Everything recorded for one application, in order: {@code status IN_REVIEW}, {@code mail PICKUP}, … */
    List<String> calls(String businessKey) {
        return List.copyOf(calls.getOrDefault(businessKey, List.of()));
    }

    List<String> statuses(String businessKey) {
        return withPrefix(businessKey, "status ");
    }

    List<String> mails(String businessKey) {
        return withPrefix(businessKey, "mail ");
    }

    /** The revocation request recorded under this business key: who asked, and whether its reason is keyCompromise. */
    void revocationRequest(String businessKey, boolean byApplicant, boolean keyCompromise) {
        if (byApplicant) {
            applicantRequests.add(businessKey);
        }
        if (keyCompromise) {
            keyCompromises.add(businessKey);
        }
    }

    /** The step whose call reads like this ({@code mail PICKUP}, {@code publish scheduled}) throws until {@link #heal}. */
    void fail(String call) {
        failing.add(call);
    }

    void heal(String call) {
        failing.remove(call);
    }

    /** The application under this business key is of a 「その他」 qualification: staff check its eligibility. */
    void otherQualification(String businessKey) {
        otherQualifications.add(businessKey);
    }

    /** Money was received for the application and not returned: its ending gateways lead to the refund. */
    void moneyReceived(String businessKey) {
        paid.add(businessKey);
    }

    private List<String> withPrefix(String businessKey, String prefix) {
        return calls(businessKey).stream().filter(call -> call.startsWith(prefix))
                .map(call -> call.substring(prefix.length())).toList();
    }

    private void record(String businessKey, String call) {
        if (failing.contains(call)) {
            throw new IllegalStateException("test double refused: " + call);
        }
        calls.computeIfAbsent(businessKey == null ? SERVICE : businessKey, key -> new ArrayList<>()).add(call);
    }

    private JavaDelegate step(Function<DelegateExecution, String> call) {
        return execution -> record(execution.getBusinessKey(), call.apply(execution));
    }

    public static final class JobRetries {
        public String cycle() {
            return RETRY_CYCLE;
        }
    }

    public final class ApplicationStatus {
        public void change(DelegateExecution execution, String status) {
            record(execution.getBusinessKey(), "status " + status);
        }
    }

    /** The retention periods' defaults ({@code certflow.retention.*}). */
    static final Period LICENCE_IMAGE = Period.ofDays(90);
    static final Period PERSONAL_DATA = Period.ofYears(1);
    static final Period TAX_RECORDS = Period.ofYears(7);

    /**
     * Like the real one, counts the image from the review's decision or else the application's end, the personal
     * data from the end, and keeps tax records when an invoice was issued; an image counts as held until deleted.
     */
    public final class Retention {
        public void applicationEnded(DelegateExecution execution) {
            record(execution.getBusinessKey(), "ended");
            endedAt.putIfAbsent(execution.getBusinessKey(), ClockUtil.getCurrentTime());
        }

        public boolean licenceImageHeld(DelegateExecution execution) {
            return !calls(execution.getBusinessKey()).contains("dispose licence image");
        }

        public Date licenceImageDeletion(DelegateExecution execution) {
            String key = execution.getBusinessKey();
            return plus(decidedAt.getOrDefault(key, endedAt.getOrDefault(key, ClockUtil.getCurrentTime())),
                    LICENCE_IMAGE);
        }

        public Date personalDataReduction(DelegateExecution execution) {
            return plus(endedAt.get(execution.getBusinessKey()), PERSONAL_DATA);
        }

        public boolean taxRecordsHeld(DelegateExecution execution) {
            return calls(execution.getBusinessKey()).contains("invoice");
        }

        public Date taxRecordDisposal(DelegateExecution execution) {
            return plus(endedAt.get(execution.getBusinessKey()), TAX_RECORDS);
        }

        private Date plus(Date from, Period period) {
            return Date.from(from.toInstant().atZone(ZoneId.of("Asia/Tokyo")).plus(period).toInstant());
        }
    }

    public final class ProvisionalApplication {
        public void registerStartedFromForm(DelegateExecution execution) {
            record(execution.getBusinessKey(), "started");
        }
    }

    /** Task names and descriptions: any text will do for routing. */
    public static final class StaffTasks {
        public String headline(DelegateExecution execution) {
            return execution.getBusinessKey();
        }

        public String revision(DelegateExecution execution) {
            return "";
        }

        public String firstReviewer(DelegateExecution execution) {
            return "reviewer";
        }

        public String outstanding(DelegateExecution execution) {
            return "";
        }

        public String invoiceNumber(DelegateExecution execution) {
            return "INV-1";
        }

        public String invoiced(DelegateExecution execution) {
            return "0";
        }

        public String received(DelegateExecution execution) {
            return "0";
        }

        public String paymentDueOn(DelegateExecution execution) {
            return "";
        }

        public String revocation(DelegateExecution execution) {
            return execution.getBusinessKey();
        }

        public String revocationRequester(DelegateExecution execution) {
            return "ra-admin";
        }
    }

    /** What the request's record says; staff's request for another reason unless a test recorded otherwise. */
    public final class RevocationRecord {
        public boolean byApplicant(DelegateExecution execution) {
            return applicantRequests.contains(execution.getBusinessKey());
        }

        public boolean keyCompromise(DelegateExecution execution) {
            return keyCompromises.contains(execution.getBusinessKey());
        }
    }

    /** The checks a task listener makes before a task completes (or is assigned); they can be made to refuse. */
    public final class TaskCheck {
        private final String call;

        TaskCheck(String call) {
            this.call = call;
        }

        public void check(DelegateTask task) {
            record(task.getExecution().getBusinessKey(), call);
        }

        public void checkAssignee(DelegateTask task) {
            record(task.getExecution().getBusinessKey(), call + " assignee");
        }
    }

    /** Like the real one, it asks for the check by the application's qualification and checks the task's decision. */
    public final class EligibilityCheck {
        public boolean needed(DelegateExecution execution) {
            return otherQualifications.contains(execution.getBusinessKey());
        }

        public void check(DelegateTask task) {
            record(task.getExecution().getBusinessKey(), "eligibility checked");
        }
    }

    /** Records the check; the branch follows the decision the form sent, as the real one follows its record. */
    public final class LetterReissueApproval {
        public void check(DelegateTask task) {
            record(task.getExecution().getBusinessKey(), "letter reissue checked");
        }

        public boolean approved(DelegateExecution execution) {
            return "approve".equals(execution.getVariable(ProcessConstants.VAR_LETTER_REISSUE_DECISION));
        }
    }

    /** Like the real one, approval opens the pickup window: the pickup timers count from {@code pickupOpenedAt}. */
    public final class ReviewOutcome {
        public void approved(DelegateExecution execution) {
            record(execution.getBusinessKey(), "approved");
            decidedAt.put(execution.getBusinessKey(), ClockUtil.getCurrentTime());
            execution.setVariable(ProcessConstants.VAR_PICKUP_OPENED_AT, ClockUtil.getCurrentTime());
        }

        public void returned(DelegateExecution execution) {
            record(execution.getBusinessKey(), "returned");
        }

        public void rejected(DelegateExecution execution) {
            record(execution.getBusinessKey(), "rejected");
            decidedAt.put(execution.getBusinessKey(), ClockUtil.getCurrentTime());
        }
    }

    /** The model's own check that nothing was paid before a withdrawal; it can be made to refuse. */
    public final class WithdrawalCheck {
        public void nothingPaid(DelegateExecution execution) {
            record(execution.getBusinessKey(), "withdrawal checked");
        }
    }

    /** Whether money awaits a refund, as the test set it; the refund task's check records itself. */
    public final class RefundRecording {
        public boolean moneyReceived(DelegateExecution execution) {
            return paid.contains(execution.getBusinessKey());
        }

        public void record(DelegateTask task) {
            ModelBeans.this.record(task.getExecution().getBusinessKey(), "refund recorded");
        }
    }

    public final class CrlPublication {
        public String cycle() {
            return CRL_CYCLE;
        }

        public byte[] publish(String reason, String actor) {
            record(SERVICE, "publish " + reason + " by " + actor);
            return new byte[0];
        }
    }

    public final class ServiceCertificates {
        public boolean renewMailSigningIfDue() {
            record(SERVICE, "renew mail signing");
            return false;
        }
    }
}
