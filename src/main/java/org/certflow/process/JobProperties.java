package org.certflow.process;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * @param retryCycle how often and how far apart a failed job (a mail, an invoice, a CRL) is tried again before it
 *                   becomes an incident in Cockpit, an ISO-8601 repeating interval; the default, five tries five
 *                   minutes apart, rides out a relay restart
 */
@Validated
@ConfigurationProperties("certflow.jobs")
public record JobProperties(
        @DefaultValue("R5/PT5M") @Pattern(regexp = "R\\d+/P\\S+",
                message = "must be an ISO-8601 repeating interval, e.g. R5/PT5M") String retryCycle) {
}
