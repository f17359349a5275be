package org.certflow.staff;

import java.util.Optional;
import java.util.function.Function;

import org.certflow.service.ServiceProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The gate of certflow's own staff pages, each for one group (accounting: bank transfers, tax records; ra-admins:
 * the access trace, disclosure and deletion requests): anybody not logged into Camunda's webapps is sent to the
 * login, any other member of staff is refused with 403 and the page's own refusal, and neither reaches the page's
 * work, so nothing is read or recorded for them.
 */
@Component
class StaffPageGate {

    static final String LOGIN = "/camunda/app/tasklist/default/";

    private final StaffAuthentication authentication;
    private final ServiceProperties service;

    StaffPageGate(StaffAuthentication authentication, ServiceProperties service) {
        this.authentication = authentication;
        this.service = service;
    }

    String asRaAdmin(HttpServletRequest request, HttpServletResponse response, Model model,
                     Function<StaffUser, String> work) {
        return (String) answerAsRaAdmin(request, response, model, work);
    }

    /** The ra-admins' gate for work whose answer is a view name or a whole response (a download). */
    Object answerAsRaAdmin(HttpServletRequest request, HttpServletResponse response, Model model,
                           Function<StaffUser, ?> work) {
        return answerAs(StaffGroups.RA_ADMINS, "staff/ra-admins-forbidden", request, response, model, work);
    }

    String as(String group, String forbiddenView, HttpServletRequest request, HttpServletResponse response,
              Model model, Function<StaffUser, String> work) {
        return (String) answerAs(group, forbiddenView, request, response, model, work);
    }

    private Object answerAs(String group, String forbiddenView, HttpServletRequest request,
                            HttpServletResponse response, Model model, Function<StaffUser, ?> work) {
        Optional<StaffUser> user = authentication.currentUser(request);
        model.addAttribute("service", service);
        if (user.isEmpty()) {
            return "redirect:" + LOGIN;
        }
        if (!user.get().groupIds().contains(group)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return forbiddenView;
        }
        model.addAttribute("staffUser", user.get().userId());
        return work.apply(user.get());
    }
}
