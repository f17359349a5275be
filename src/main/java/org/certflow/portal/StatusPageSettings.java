package org.certflow.portal;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The application status page (申込状況の確認). Asking for its link costs nothing but an order number and an address,
 * so it is limited like the provisional application: per client, and per mailbox a link may be sent to (whether or
 * not the pair matches, so that the limit tells nothing either). The same per-mailbox limit holds for the main
 * application's link sent again from the page.
 *
 * @param perClient       status links one client address (an IPv6 /64) may ask for within {@code clientWindow}
 * @param clientWindow    the window of {@code perClient}
 * @param perRecipient    status links (or links sent again) one mail address may receive within
 *                        {@code recipientWindow}
 * @param recipientWindow the window of {@code perRecipient}
 * @param linkValidity    how long a status link opens the page; it opens it once
 */
@Validated
@ConfigurationProperties("certflow.portal.status")
public record StatusPageSettings(@DefaultValue("5") @Min(1) int perClient,
                                 @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 1) Duration clientWindow,
                                 @DefaultValue("3") @Min(1) int perRecipient,
                                 @DefaultValue("P1D") @NotNull @DurationMin(seconds = 1) Duration recipientWindow,
                                 @DefaultValue("PT24H") @NotNull @DurationMin(seconds = 60) Duration linkValidity) {
}
