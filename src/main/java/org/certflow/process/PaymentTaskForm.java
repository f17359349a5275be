package org.certflow.process;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.certflow.billing.banktransfer.PaymentTask;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * Works an application's payment task the way Tasklist does: as the staff member (the engine checks that they may),
 * with exactly the fields of the task's form, submitted as a form. {@link PaymentConfirmation} then checks and
 * records the payment as for a typed one, and a refusal comes back with its message.
 */
@Component
class PaymentTaskForm implements PaymentTask {

    private static final String CONFIRM_PAYMENT = "ConfirmPayment";

    private final TaskService tasks;
    private final FormService forms;
    private final IdentityService identity;

    PaymentTaskForm(TaskService tasks, FormService forms, IdentityService identity) {
        this.tasks = tasks;
        this.forms = forms;
        this.identity = identity;
    }

    @Override
    public void record(String orderNumber, long amount, LocalDate receivedOn, String comment, Actor actor) {
        Authentication previous = identity.getCurrentAuthentication();
        identity.setAuthentication(actor.userId(), actor.groupIds());
        try {
            Task task = tasks.createTaskQuery().processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION)
                    .processInstanceBusinessKey(orderNumber).taskDefinitionKey(CONFIRM_PAYMENT).active()
                    .singleResult();
            if (task == null) {
                throw new Refused("受付番号 " + orderNumber + " には入金確認のタスクがありません（入金済み・キャンセル済み、"
                        + "または入金確認の担当ではありません）");
            }
            Map<String, Object> fields = new HashMap<>();
            fields.put(PaymentConfirmation.VAR_AMOUNT_RECEIVED, amount);
            fields.put(PaymentConfirmation.VAR_RECEIVED_ON, receivedOn.toString());
            if (comment != null && !comment.isBlank()) {
                fields.put(PaymentConfirmation.VAR_PAYMENT_COMMENT, comment);
            }
            forms.submitTaskForm(task.getId(), fields);
        } catch (AuthorizationException e) {
            throw new Refused("入金確認のタスクを完了する権限がありません");
        } catch (OptimisticLockingException e) {
            throw new Refused("同じ申込の入金が同時に記録されました。一覧を開き直してから、もう一度記録してください");
        } catch (RuntimeException e) {
            throw ruleRefusal(e);
        } finally {
            if (previous == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(previous);
            }
        }
    }

    /** The task's own rules refuse with an IllegalArgumentException, which the engine wraps on its way out. */
    private static RuntimeException ruleRefusal(RuntimeException failure) {
        if (failure instanceof Refused) {
            return failure;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException rule) {
                return new Refused(rule.getMessage());
            }
        }
        return failure;
    }
}
