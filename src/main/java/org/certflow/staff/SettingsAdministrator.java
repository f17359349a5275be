package org.certflow.staff;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.spring.boot.starter.property.AdminUserProperty;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

import jakarta.annotation.PostConstruct;

/**
 * Administrators come from the settings ({@code camunda.bpm.admin-user.id} and {@code .password}, which the
 * production profile requires) or from an administrator in Admin, never from Camunda's set-up page, which the
 * security configuration closes. The engine creates the named user once; at every start it is made a member of
 * {@code camunda-admin} again and unlocked, so the settings always name an administrator who can log in.
 */
@Component
@DependsOn("staffSetup") // which makes the camunda-admin group
class SettingsAdministrator {

    private static final Logger log = LoggerFactory.getLogger(SettingsAdministrator.class);

    private final IdentityService identityService;
    private final CamundaBpmProperties camunda;

    SettingsAdministrator(IdentityService identityService, CamundaBpmProperties camunda) {
        this.identityService = identityService;
        this.camunda = camunda;
    }

    @PostConstruct
    void ensureAdministrator() {
        AdminUserProperty admin = camunda.getAdminUser();
        if (admin != null && admin.getId() != null
                && identityService.createUserQuery().userId(admin.getId()).count() == 1) {
            unlock(admin.getId());
            if (identityService.createUserQuery().userId(admin.getId())
                    .memberOfGroup(StaffGroups.CAMUNDA_ADMIN).count() == 0) {
                identityService.createMembership(admin.getId(), StaffGroups.CAMUNDA_ADMIN);
                log.info("User {} (camunda.bpm.admin-user.id) is a member of {} again", admin.getId(),
                        StaffGroups.CAMUNDA_ADMIN);
            }
        }
        if (identityService.createUserQuery().memberOfGroup(StaffGroups.CAMUNDA_ADMIN).count() == 0) {
            log.warn("No administrator: set camunda.bpm.admin-user.id and camunda.bpm.admin-user.password "
                    + "(CERTFLOW_ADMIN_USER_ID and CERTFLOW_ADMIN_PASSWORD in production)");
        }
    }

    /**
     * The engine locks a user for good after ten wrong passwords, and only an administrator can unlock one in Admin.
     * Whoever reaches a staff login and knows the settings' administrator's id could otherwise lock out the one
     * administrator there is; a restart lets the operator back in.
     */
    private void unlock(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user instanceof UserEntity entity && entity.getAttempts() > 0) {
            identityService.unlockUser(userId);
            log.warn("User {} (camunda.bpm.admin-user.id) had {} failed logins since the last good one; unlocked",
                    userId, entity.getAttempts());
        }
    }
}
