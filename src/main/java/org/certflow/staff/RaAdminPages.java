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
 * The gate of the staff pages for {@code ra-admins} (the access trace, disclosure requests): anybody not logged into
 * Camunda's webapps is sent to the login, any other member of staff is refused with 403, and neither reaches the
 * page's work, so nothing is read or recorded for them.
 */
@Component
class RaAdminPages {

    static final String LOGIN = "/camunda/app/tasklist/default/";

    private final StaffAuthentication authentication;
    private final ServiceProperties service;

    RaAdminPages(StaffAuthentication authentication, ServiceProperties service) {
        this.authentication = authentication;
        this.service = service;
    }

    String asRaAdmin(HttpServletRequest request, HttpServletResponse response, Model model,
                     Function<StaffUser, String> work) {
        return (String) answerAsRaAdmin(request, response, model, work);
    }

    /** The same gate for work whose answer is a view name or a whole response (a download). */
    Object answerAsRaAdmin(HttpServletRequest request, HttpServletResponse response, Model model,
                           Function<StaffUser, ?> work) {
        Optional<StaffUser> user = authentication.currentUser(request);
        model.addAttribute("service", service);
        if (user.isEmpty()) {
            return "redirect:" + LOGIN;
        }
        if (!user.get().groupIds().contains(StaffGroups.RA_ADMINS)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return "staff/ra-admins-forbidden";
        }
        model.addAttribute("staffUser", user.get().userId());
        return work.apply(user.get());
    }
}
