package org.certflow.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The timers and the task due dates of the models, read by expression
 * ({@code ${deadlines.pickupWindowClosed(pickupOpenedAt)}}, {@code camunda:dueDate="${deadlines.reviewDue()}"}).
 * Durations come back as ISO-8601 text for {@code timeDuration}; calendar deadlines as dates for
 * {@code timeDate}, at the notice time in Japan, not at the second a timer was created.
 */
@Component("deadlines")
public class Deadlines {

    private final DeadlineProperties properties;

    public Deadlines(DeadlineProperties properties) {
        this.properties = properties;
    }

    public String oneTimeLink() {
        return iso(properties.oneTimeLink());
    }

    public String paymentReminder() {
        return iso(properties.paymentReminder());
    }

    public String paymentDeadline() {
        return iso(properties.paymentDeadline());
    }

    public String reviewEscalation() {
        return iso(properties.reviewEscalation());
    }

    /**
     * The payment task's due date: the payment deadline, counted like its timer from the moment the invoice
     * went out, so a partial payment's new task keeps it.
     */
    public Date paymentDue(Date invoicedAt) {
        return Date.from(invoicedAt.toInstant().plus(properties.paymentDeadline()));
    }

    /** The payment task's follow-up date: when the reminder goes out. */
    public Date paymentFollowUp(Date invoicedAt) {
        return Date.from(invoicedAt.toInstant().plus(properties.paymentReminder()));
    }

    /** A review task's due date: when the overdue notice goes out. */
    public Date reviewDue() {
        return fromNow(properties.reviewEscalation());
    }

    public Date reviewFollowUp() {
        return fromNow(properties.reviewFollowUp());
    }

    /** An eligibility check's due date: the 「その他」 applicant's invoice waits for it. */
    public Date eligibilityDue() {
        return fromNow(properties.eligibilityCheck());
    }

    /** A refund task's due date: money received goes back within the refund period. */
    public Date refundDue() {
        return fromNow(properties.refund());
    }

    /**
     * A revocation's approval: until then the certificate still works, so a compromised key's is due within hours
     * ({@code keyCompromise}: the request's RFC 5280 reason is keyCompromise), any other within days.
     */
    public Date revocationApprovalDue(boolean keyCompromise) {
        return fromNow(keyCompromise ? properties.keyCompromiseRevocation() : properties.revocationApproval());
    }

    /** When the ra-admins' decision on a request for a new distribution letter is due. */
    public Date letterReissueDue() {
        return fromNow(properties.letterReissueDecision());
    }

    /** The engine's now, so that time travel in tests moves every deadline alike. */
    public Date now() {
        return ClockUtil.getCurrentTime();
    }

    /** 再送: at the notice time on day 15 after issuance. */
    public Date pickupFirstReminder(Date pickupOpenedAt) {
        return atNoticeTime(issuanceDay(pickupOpenedAt).plus(properties.pickupFirstReminder()));
    }

    /** 再再送: at the notice time on day 30 after issuance. */
    public Date pickupSecondReminder(Date pickupOpenedAt) {
        return atNoticeTime(issuanceDay(pickupOpenedAt).plus(properties.pickupSecondReminder()));
    }

    /** The pickup window closes at the end of its last day: midnight, Japan time, the day after. */
    public Date pickupWindowClosed(Date pickupOpenedAt) {
        return pickupWindowClosedAt(pickupOpenedAt.toInstant());
    }

    public Date pickupWindowClosedAt(Instant pickupOpenedAt) {
        LocalDate lastDay = pickupOpenedAt.atZone(properties.zone()).toLocalDate().plus(properties.pickupWindow());
        return Date.from(lastDay.plusDays(1).atStartOfDay(properties.zone()).toInstant());
    }

    /** The last day on which the certificate can be picked up, as the applicant reads it. */
    public LocalDate pickupLastDay(Instant pickupOpenedAt) {
        return pickupOpenedAt.atZone(properties.zone()).toLocalDate().plus(properties.pickupWindow());
    }

    public Date expiryFirstNotice(Date notAfter) {
        return atNoticeTime(expiryDay(notAfter).minus(properties.expiryFirstNotice()));
    }

    public Date expirySecondNotice(Date notAfter) {
        return atNoticeTime(expiryDay(notAfter).minus(properties.expirySecondNotice()));
    }

    /**
     * On the day of expiry at the notice time; a certificate that expires earlier that day (issued in the
     * small hours) is told at the start of its last day instead, never after it has expired.
     */
    public Date expiryDayNotice(Date notAfter) {
        Date atNoticeTime = atNoticeTime(expiryDay(notAfter));
        if (atNoticeTime.before(notAfter)) {
            return atNoticeTime;
        }
        return Date.from(expiryDay(notAfter).atStartOfDay(properties.zone()).toInstant());
    }

    private LocalDate issuanceDay(Date pickupOpenedAt) {
        return pickupOpenedAt.toInstant().atZone(properties.zone()).toLocalDate();
    }

    private LocalDate expiryDay(Date notAfter) {
        return notAfter.toInstant().atZone(properties.zone()).toLocalDate();
    }

    private Date fromNow(Duration period) {
        return Date.from(now().toInstant().plus(period));
    }

    private Date atNoticeTime(LocalDate day) {
        ZonedDateTime at = day.atTime(properties.noticeTime()).atZone(properties.zone());
        return Date.from(at.toInstant());
    }

    private static String iso(Duration duration) {
        return duration.toString();
    }
}
