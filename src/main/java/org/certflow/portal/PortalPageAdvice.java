package org.certflow.portal;

import org.certflow.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** What every portal page shares: the service's names, and a page in Japanese instead of a stack trace. */
@ControllerAdvice
class PortalPageAdvice {

    private static final Logger log = LoggerFactory.getLogger(PortalPageAdvice.class);

    private final ServiceProperties service;

    PortalPageAdvice(ServiceProperties service) {
        this.service = service;
    }

    /** Every page names the service and the chamber in its header and title. */
    @ModelAttribute("service")
    ServiceProperties service() {
        return service;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String uploadTooLarge() {
        return "portal/upload-too-large";
    }

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Exception e) {
        log.error("Portal request failed", e);
        return "portal/unexpected-error";
    }
}
