package org.certflow.service;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Every deadline of the service, in ISO-8601. Defaults are the seed's; operators change them
 * without touching the model, which reads them through {@link Deadlines}.
 *
 * @param oneTimeLink          how long the mailed link opens the main application form
 * @param paymentReminder      after the invoice, when the payment reminder goes out
 * @param paymentDeadline      after the invoice, when an unpaid application is cancelled
 * @param reviewEscalation     after the review starts, when {@code ra-admins} are told it is overdue
 * @param reviewFollowUp       how long a review usually takes (the seed: a week or more): the review task's
 *                             follow-up date, and the time the applicant is told to expect
 * @param eligibilityCheck     after a 「その他」 applicant's main application, when the eligibility check by
 *                             {@code ra-admins} is due (the task's due date; the invoice waits for it)
 * @param revocationApproval   after a revocation request, when its approval is due (days: until then the
 *                             certificate still works)
 * @param keyCompromiseRevocation after a request for a compromised (or lost) key, when its approval is due: hours,
 *                             and at most a day, because every hour the key can still sign in the applicant's name
 * @param pickupFirstReminder  days after issuance of the first pickup reminder (再送)
 * @param pickupSecondReminder days after issuance of the second pickup reminder (再再送)
 * @param pickupWindow         days after issuance during which the certificate can be picked up
 * @param expiryFirstNotice    before the certificate's notAfter, the first expiry notice
 * @param expirySecondNotice   before the certificate's notAfter, the second expiry notice
 * @param noticeTime           the time of day at which mails timed by day go out
 * @param zone                 the zone of business dates
 * @param refund               from the moment a refund falls due, the refund task's due date
 * @param letterReissueDecision after an applicant asks for a new distribution letter, when the ra-admins' task
 *                             to check their identity and decide is due
 */
@Validated
@ConfigurationProperties("certflow.deadlines")
public record DeadlineProperties(
        @DefaultValue("P7D") @NotNull @DurationMin(seconds = 1) Duration oneTimeLink,
        @DefaultValue("P14D") @NotNull @DurationMin(seconds = 1) Duration paymentReminder,
        @DefaultValue("P30D") @NotNull @DurationMin(seconds = 1) Duration paymentDeadline,
        @DefaultValue("P10D") @NotNull @DurationMin(seconds = 1) Duration reviewEscalation,
        @DefaultValue("P7D") @NotNull @DurationMin(seconds = 1) Duration reviewFollowUp,
        @DefaultValue("P3D") @NotNull @DurationMin(seconds = 1) Duration eligibilityCheck,
        @DefaultValue("P1D") @NotNull @DurationMin(seconds = 1) Duration revocationApproval,
        @DefaultValue("PT4H") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1) Duration keyCompromiseRevocation,
        @DefaultValue("P15D") @NotNull @PositivePeriod Period pickupFirstReminder,
        @DefaultValue("P30D") @NotNull @PositivePeriod Period pickupSecondReminder,
        @DefaultValue("P30D") @NotNull @PositivePeriod Period pickupWindow,
        @DefaultValue("P3M") @NotNull @PositivePeriod Period expiryFirstNotice,
        @DefaultValue("P1M") @NotNull @PositivePeriod Period expirySecondNotice,
        @DefaultValue("09:00") @NotNull LocalTime noticeTime,
        @DefaultValue("Asia/Tokyo") @NotNull ZoneId zone,
        @DefaultValue("P14D") @NotNull @DurationMin(seconds = 1) Duration refund,
        @DefaultValue("P3D") @NotNull @DurationMin(seconds = 1) Duration letterReissueDecision) {
}
