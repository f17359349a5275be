package org.certflow.portal;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Every provisional application sends a signed mail in the chamber's name, so the portal limits how many one
 * client may make and how many one address may receive. A real applicant applies once, perhaps again after a typo
 * or a lost mail; the defaults leave room for that, for a few colleagues behind one office router, and for
 * nothing like a mail cannon.
 *
 * @param perClient       provisional applications one client address (an IPv6 /64) may make within
 *                        {@code clientWindow}
 * @param clientWindow    the window of {@code perClient}
 * @param perRecipient    provisional applications one mail address may receive within {@code recipientWindow}
 * @param recipientWindow the window of {@code perRecipient}
 */
@Validated
@ConfigurationProperties("certflow.portal.provisional-applications")
public record ProvisionalApplicationLimits(@DefaultValue("5") @Min(1) int perClient,
                                           @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 1) Duration clientWindow,
                                           @DefaultValue("3") @Min(1) int perRecipient,
                                           @DefaultValue("P1D") @NotNull @DurationMin(seconds = 1) Duration recipientWindow) {
}
