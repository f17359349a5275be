package org.certflow.staff;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.certflow.service.ProcessConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import jakarta.annotation.PostConstruct;

/**
 * The back office as the engine sees it, made idempotently at every start: the groups, what each may do,
 * one saved Tasklist filter per group (a fresh Tasklist shows nothing without one) and, in the default
 * run, demo users with real names.
 */
@Component
@Order(0)
public class StaffSetup {

    private static final Logger log = LoggerFactory.getLogger(StaffSetup.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final StaffProperties properties;
    private final List<DemoUser> demoUsers = new ArrayList<>();

    public record DemoUser(String id, String firstName, String lastName, String group, String password) {
    }

    public StaffSetup(IdentityService identityService, AuthorizationService authorizationService,
                      FilterService filterService, TaskService taskService, StaffProperties properties) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.properties = properties;
    }

    @PostConstruct
    void setUp() {
        group(StaffGroups.ACCOUNTING, "経理", "WORKFLOW");
        group(StaffGroups.REVIEWERS, "審査担当", "WORKFLOW");
        group(StaffGroups.RA_ADMINS, "登録局管理者", "WORKFLOW");
        group(StaffGroups.CAMUNDA_ADMIN, "システム管理者", "SYSTEM");

        for (Resource resource : Resources.values()) {
            grant(StaffGroups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
        for (String group : List.of(StaffGroups.ACCOUNTING, StaffGroups.REVIEWERS, StaffGroups.RA_ADMINS)) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, ProcessConstants.CERTIFICATE_APPLICATION, Permissions.READ);
        }
        grant(StaffGroups.RA_ADMINS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(StaffGroups.RA_ADMINS, Resources.PROCESS_DEFINITION, ProcessConstants.REVOCATION_REQUEST,
                Permissions.READ, Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
        // the model names ra-admins as its candidate starters: an application taken at the counter
        grant(StaffGroups.RA_ADMINS, Resources.PROCESS_DEFINITION, ProcessConstants.CERTIFICATE_APPLICATION,
                Permissions.READ, Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE, Permissions.READ_HISTORY,
                Permissions.READ_TASK);
        grant(StaffGroups.RA_ADMINS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        narrowTaskAuthorizations();

        List<String> everybody = List.of(StaffGroups.ACCOUNTING, StaffGroups.REVIEWERS, StaffGroups.RA_ADMINS);
        filter("自分の担当", "自分が担当しているタスク", -20,
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
                everybody);
        filter("期限切れ間近", "自分のグループのタスクで、期限まで3日以内のもの", -15,
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks().dueBeforeExpression("${dateTime().plusDays(3)}")
                        .orderByDueDate().asc(),
                everybody);
        filter("入金確認待ち", "経理: 入金を確認する申込", -10, groupTasks(StaffGroups.ACCOUNTING),
                List.of(StaffGroups.ACCOUNTING));
        filter("審査待ち", "審査担当: 審査・二次審査する申込", -5, groupTasks(StaffGroups.REVIEWERS),
                List.of(StaffGroups.REVIEWERS));
        filter("登録局のタスク", "登録局管理者: 失効承認と審査期限超過の対応", 0, groupTasks(StaffGroups.RA_ADMINS),
                List.of(StaffGroups.RA_ADMINS));

        if (properties.demoUsers()) {
            demoUser("keiri", "花子", "経理", StaffGroups.ACCOUNTING);
            demoUser("shinsa", "太郎", "審査", StaffGroups.REVIEWERS);
            demoUser("ra-admin", "次郎", "登録", StaffGroups.RA_ADMINS);
            demoUser("admin", "管理者", "システム", StaffGroups.CAMUNDA_ADMIN, StaffGroups.RA_ADMINS);
        }
    }

    /** The demo users of this start with their passwords, for the start banner. */
    public List<DemoUser> demoUsers() {
        return List.copyOf(demoUsers);
    }

    private void group(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizationService.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).list().stream()
                .filter(existing -> existing.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT)
                .findFirst().orElse(null);
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (Arrays.stream(permissions).allMatch(authorization::isPermissionGranted)) {
            return;
        }
        // a database made by an older start gets the permissions added since; none are taken away
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }

    /**
     * Candidates now get TASK_WORK on their tasks (application.yml); tasks created before still grant UPDATE,
     * which writes any of the process's variables, and are narrowed to TASK_WORK.
     */
    void narrowTaskAuthorizations() {
        for (Authorization authorization : authorizationService.createAuthorizationQuery()
                .resourceType(Resources.TASK).hasPermission(TaskPermissions.UPDATE).list()) {
            if (authorization.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT
                    && !Authorization.ANY.equals(authorization.getResourceId())
                    && !StaffGroups.CAMUNDA_ADMIN.equals(authorization.getGroupId())) {
                authorization.removePermission(TaskPermissions.UPDATE);
                authorization.addPermission(TaskPermissions.TASK_WORK);
                authorizationService.saveAuthorization(authorization);
            }
        }
    }

    private TaskQuery groupTasks(String group) {
        return taskService.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().orderByDueDate().asc();
    }

    /** A saved Tasklist filter; its query and description follow this code at every start. */
    private void filter(String name, String description, int priority, TaskQuery query, List<String> readerGroups) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        properties.put("refresh", true);
        properties.put("variables", List.of());
        filter.setProperties(properties).setQuery(query);
        filterService.saveFilter(filter);
        for (String group : readerGroups) {
            grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
        grant(StaffGroups.CAMUNDA_ADMIN, Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private void demoUser(String id, String firstName, String lastName, String... groups) {
        User user = identityService.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identityService.newUser(id);
        }
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(id + "@staff.certflow.example");
        String password = randomPassword(user);
        user.setPassword(password);
        identityService.saveUser(user);
        for (String group : groups) {
            if (identityService.createGroupQuery().groupId(group).groupMember(id).count() == 0) {
                identityService.createMembership(id, group);
            }
        }
        demoUsers.add(new DemoUser(id, firstName, lastName, groups[0], password));
        log.debug("Demo user {} ready", id);
    }

    /** 96 random bits, drawn again until the engine's password policy (digit, capital, special sign) takes them. */
    private String randomPassword(User user) {
        byte[] bytes = new byte[12];
        String password;
        do {
            RANDOM.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (!identityService.checkPasswordAgainstPolicy(password, user).isValid());
        return password;
    }
}
