package org.certflow.staff;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Who is asking a staff endpoint: the user logged into Camunda's webapps (the session Tasklist uses), or a
 * client of the REST API sending HTTP Basic credentials checked against the engine's users.
 */
@Component
class StaffAuthentication {

    static final String ENGINE = "default";

    private final IdentityService identityService;

    StaffAuthentication(IdentityService identityService) {
        this.identityService = identityService;
    }

    Optional<StaffUser> currentUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            Authentication authentication = authentications == null ? null
                    : authentications.getAuthenticationForProcessEngine(ENGINE);
            if (authentication instanceof UserAuthentication user && user.getName() != null) {
                return Optional.of(new StaffUser(user.getName(), groupsOf(user.getName())));
            }
        }
        return basic(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    private Optional<StaffUser> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String userId = decoded.substring(0, colon);
        if (!identityService.checkPassword(userId, decoded.substring(colon + 1))) {
            return Optional.empty();
        }
        return Optional.of(new StaffUser(userId, groupsOf(userId)));
    }

    private List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }
}
