package org.certflow.retention;

import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;

import org.certflow.service.PositivePeriod;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How long each kind of personal data and record is kept (保存期間); the model's retention timers read them.
 *
 * @param licenceImage     how long after the review's decision (or the application's end without one) the licence
 *                         image is kept: the pickup window and an identity check for a lost letter fall inside it
 * @param personalData     how long after the certificate's end (expiry or revocation; for an application without a
 *                         certificate: its end) the applicant's details are kept, for enquiries, refunds and questions
 *                         about a revocation
 * @param taxRecords       how long invoices, receipts, return invoices and payments are kept, counted from the day
 *                         after the corporate-tax filing deadline of the business year of their issue
 *                         (法人税法・電子帳簿保存法: 確定申告期限の翌日から7年)
 * @param businessYearEnd  the last day of the operator's business year
 * @param filingPeriod     how long after the business year's end the corporate-tax return is due
 * @param zone             where the days of the tax periods are counted
 */
@Validated
@ConfigurationProperties("certflow.retention")
public record RetentionProperties(@DefaultValue("P90D") @NotNull @PositivePeriod Period licenceImage,
                                  @DefaultValue("P1Y") @NotNull @PositivePeriod Period personalData,
                                  @DefaultValue("P7Y") @NotNull @PositivePeriod Period taxRecords,
                                  @DefaultValue("--03-31") @NotNull MonthDay businessYearEnd,
                                  @DefaultValue("P2M") @NotNull @PositivePeriod Period filingPeriod,
                                  @DefaultValue("Asia/Tokyo") @NotNull ZoneId zone) {
}
