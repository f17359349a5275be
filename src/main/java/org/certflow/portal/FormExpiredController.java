package org.certflow.portal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A form sent without its CSRF token (a stale page, or a forged request) gets a page that says what to do. */
@Controller
class FormExpiredController {

    static final String PATH = "/form-expired";

    @RequestMapping(PATH)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String formExpired() {
        return "portal/form-expired";
    }
}
