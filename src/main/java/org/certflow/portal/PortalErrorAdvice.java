package org.certflow.portal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** The applicant reads a page in Japanese, never a stack trace. */
@ControllerAdvice
class PortalErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(PortalErrorAdvice.class);

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
