package org.certflow.portal;

import org.certflow.application.ApplicantTerms;
import org.certflow.service.DatabaseOutage;
import org.certflow.service.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every portal page shares: the service's names and contact, the periods its texts state, and a page in
 * Japanese instead of a stack trace.
 */
@ControllerAdvice(basePackageClasses = PortalPageAdvice.class)
class PortalPageAdvice {

    private static final Logger log = LoggerFactory.getLogger(PortalPageAdvice.class);

    private final ServiceProperties service;
    private final ApplicantTerms terms;

    PortalPageAdvice(ServiceProperties service, ApplicantTerms terms) {
        this.service = service;
        this.terms = terms;
    }

    @ModelAttribute("service")
    ServiceProperties service() {
        return service;
    }

    @ModelAttribute("terms")
    ApplicantTerms terms() {
        return terms;
    }

    /** A database out of reach is no fault of certflow's: {@link DatabaseUnavailableFilter} answers it with a 503. */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e) throws Exception {
        if (DatabaseOutage.explains(e)) {
            throw e;
        }
        log.error("Portal request failed", e);
        return page("portal/unexpected-error", HttpStatus.INTERNAL_SERVER_ERROR, service, terms);
    }

    static ModelAndView page(String view, HttpStatus status, ServiceProperties service, ApplicantTerms terms) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("service", service);
        page.addObject("terms", terms);
        return page;
    }

    /**
     * An upload larger than the request limit, or one that cannot be parsed, is refused before any controller
     * runs; the applicant still reads why. Uploads within that limit but over the licence image's limit are refused
     * next to the field by the form itself.
     */
    @ControllerAdvice
    static class UploadLimitAdvice {

        private final ServiceProperties service;
        private final ApplicantTerms terms;

        UploadLimitAdvice(ServiceProperties service, ApplicantTerms terms) {
            this.service = service;
            this.terms = terms;
        }

        @ExceptionHandler(MaxUploadSizeExceededException.class)
        ModelAndView uploadTooLarge() {
            return page("portal/upload-too-large", HttpStatus.PAYLOAD_TOO_LARGE, service, terms);
        }

        /** A body the server cannot take apart (too many parts, no boundary, cut off) is the client's fault. */
        @ExceptionHandler(MultipartException.class)
        ModelAndView uploadUnreadable() {
            return page("portal/upload-unreadable", HttpStatus.BAD_REQUEST, service, terms);
        }
    }
}
