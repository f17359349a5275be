package org.certflow.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.task.Task;
import org.certflow.application.Application;
import org.certflow.support.CertflowTest;
import org.certflow.support.TestApplications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A task created before candidates got TASK_WORK still lets them rewrite the process's variables (UPDATE);
 * the start narrows it (StaffSetup), and the candidate can still claim the task.
 */
@CertflowTest
class TaskPermissionUpgradeTest {

    @Autowired StaffSetup staff;
    @Autowired TestApplications applications;
    @Autowired TaskService taskService;
    @Autowired AuthorizationService authorizationService;
    @Autowired IdentityService identityService;

    @Test
    void aCandidatesUpdateFromAnOlderStartIsNarrowedToTaskWork() {
        Application application = applications.awaitingPayment("山田建築設計事務所");
        Task payment = taskService.createTaskQuery().processInstanceBusinessKey(application.orderNumber())
                .taskDefinitionKey("ConfirmPayment").singleResult();
        Authorization candidates = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(payment.getId()).groupIdIn(StaffGroups.ACCOUNTING).singleResult();
        assertThat(candidates.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
        assertThat(candidates.isPermissionGranted(TaskPermissions.UPDATE)).isFalse();

        // as an older start granted it
        candidates.addPermission(TaskPermissions.UPDATE);
        authorizationService.saveAuthorization(candidates);
        asAccounting(() -> taskService.setVariable(payment.getId(), "applicationId", 1L));

        staff.narrowTaskAuthorizations();

        assertThatThrownBy(() -> asAccounting(() -> taskService.setVariable(payment.getId(), "applicationId", 2L)))
                .isInstanceOf(AuthorizationException.class);
        asAccounting(() -> taskService.claim(payment.getId(), "keiri"));
        assertThat(taskService.createTaskQuery().taskId(payment.getId()).singleResult().getAssignee()).isEqualTo("keiri");
    }

    private void asAccounting(Runnable action) {
        identityService.setAuthentication("keiri", List.of(StaffGroups.ACCOUNTING));
        try {
            action.run();
        } finally {
            identityService.clearAuthentication();
        }
    }
}
