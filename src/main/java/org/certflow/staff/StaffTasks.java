package org.certflow.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.billing.Invoice;
import org.certflow.billing.Invoices;
import org.certflow.billing.Payments;
import org.certflow.process.ProcessApplications;
import org.certflow.process.WithoutAuthorization;
import org.certflow.review.ReviewRecords;
import org.certflow.review.RevocationRequest;
import org.certflow.review.RevocationRequests;
import org.certflow.service.DeadlineProperties;
import org.springframework.stereotype.Component;

/**
 * Names every staff task after its application and says what to do, so a Tasklist list reads like the
 * back office's work ("審査: PBJ10000001 山田 太郎 一級建築士"), with due and follow-up dates from the
 * service's deadlines. Runs as the tasks' create listener.
 */
@Component("staffTasks")
public class StaffTasks {

    static final String CONFIRM_PAYMENT = "ConfirmPayment";
    static final String REVIEW_APPLICATION = "ReviewApplication";
    static final String SECOND_REVIEW = "SecondReview";
    static final String APPROVE_REVOCATION = "ApproveRevocation";
    /** The seed: a review usually takes a week or more. */
    static final Duration REVIEW_FOLLOW_UP = Duration.ofDays(7);
    static final Duration REVOCATION_DUE = Duration.ofDays(1);

    private final ApplicationRepository applications;
    private final ProcessApplications processApplications;
    private final ReviewRecords reviews;
    private final RevocationRequests revocationRequests;
    private final Invoices invoices;
    private final Payments payments;
    private final DeadlineProperties deadlines;

    public StaffTasks(ApplicationRepository applications, ProcessApplications processApplications,
                      ReviewRecords reviews, RevocationRequests revocationRequests, Invoices invoices,
                      Payments payments, DeadlineProperties deadlines) {
        this.applications = applications;
        this.processApplications = processApplications;
        this.reviews = reviews;
        this.revocationRequests = revocationRequests;
        this.invoices = invoices;
        this.payments = payments;
        this.deadlines = deadlines;
    }

    public void describe(DelegateTask task) {
        Instant now = task.getCreateTime().toInstant();
        switch (task.getTaskDefinitionKey()) {
            case CONFIRM_PAYMENT -> describePayment(task);
            case REVIEW_APPLICATION -> {
                Application application = applicationOf(task);
                task.setName("審査: " + headline(application)
                        + (application.revision() > 0 ? "（修正後 第" + (application.revision() + 1) + "版）" : ""));
                task.setDescription("登録番号 " + registrationNumber(application)
                        + " と免許証等の画像を照合し、確認項目をチェックして承認・修正依頼・却下を選んでください。");
                task.setFollowUpDate(Date.from(now.plus(REVIEW_FOLLOW_UP)));
                task.setDueDate(Date.from(now.plus(deadlines.reviewEscalation())));
            }
            case SECOND_REVIEW -> {
                Application application = applicationOf(task);
                String firstReviewer = reviews.firstReviewer(application.id(), application.revision()).orElse("不明");
                task.setName("二次審査: " + headline(application));
                task.setDescription("一次審査の担当者（" + firstReviewer + "）が疑義ありとして承認しました。"
                        + "別の審査担当者が確認し、承認・修正依頼・却下を選んでください。");
                task.setDueDate(Date.from(now.plus(deadlines.reviewEscalation())));
            }
            case APPROVE_REVOCATION -> {
                RevocationRequest request = revocationRequests.ofProcessInstance(task.getProcessInstanceId())
                        .orElseThrow();
                task.setName("失効承認: " + headline(applications.get(request.applicationId()))
                        + "（" + request.reason().label() + "）");
                task.setDescription("依頼者 " + request.requestedBy() + " の失効依頼です。依頼者とは別の登録局管理者が内容を確認し、承認または却下してください。");
                task.setDueDate(Date.from(now.plus(REVOCATION_DUE)));
            }
            default -> {
            }
        }
    }

    private void describePayment(DelegateTask task) {
        Application application = applicationOf(task);
        Invoice invoice = invoices.find(application.id()).orElseThrow();
        long received = payments.totalReceived(application.id());
        long outstanding = invoice.totalAmount() - received;
        task.setName("入金確認: " + headline(application)
                + (received > 0 ? "（残額 " + yen(outstanding) + "円）" : ""));
        task.setDescription("請求書 " + invoice.invoiceNumber() + "　請求額 " + yen(invoice.totalAmount())
                + "円　入金済み " + yen(received) + "円　お支払期限 " + invoice.dueOn()
                + "。入金額と入金日を入力してください。未入金額と異なる場合はコメントが必要です。");
        // the payment timers run from the first payment task; a partial payment does not move them
        Instant waitingSince = WithoutAuthorization.call(() -> task.getProcessEngineServices().getHistoryService()
                .createHistoricTaskInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(CONFIRM_PAYMENT)
                .orderByHistoricActivityInstanceStartTime().asc().listPage(0, 1)).stream()
                .map(HistoricTaskInstance::getStartTime).map(Date::toInstant).findFirst()
                .orElse(task.getCreateTime().toInstant());
        task.setFollowUpDate(Date.from(waitingSince.plus(deadlines.paymentReminder())));
        task.setDueDate(Date.from(waitingSince.plus(deadlines.paymentDeadline())));
    }

    private Application applicationOf(DelegateTask task) {
        return processApplications.of(task);
    }

    static String headline(Application application) {
        String name = application.hasDetails() ? " " + application.fullName() : "";
        return application.orderNumber() + name + " " + application.qualification().displayName();
    }

    private static String registrationNumber(Application application) {
        return application.hasDetails() ? application.details().registrationNumber() : "（未入力）";
    }

    private static String yen(long amount) {
        return String.format("%,d", amount);
    }
}
