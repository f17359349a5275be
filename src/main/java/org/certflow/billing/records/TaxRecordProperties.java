package org.certflow.billing.records;

import java.time.Duration;
import java.time.Period;

import org.certflow.service.PositivePeriod;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Invoices, receipts and return invoices kept as tax records (電子帳簿保存法).
 *
 * @param pageSize        rows the staff search page shows at a time
 * @param maxExportPeriod the longest period one ZIP export may cover (a fiscal year by default)
 * @param verifyInterval  how often each node recomputes the SHA-256 of every stored PDF (the health indicator
 *                        {@code taxRecords} reports the last result)
 */
@ConfigurationProperties("certflow.billing.tax-records")
@Validated
public record TaxRecordProperties(@DefaultValue("50") @Min(1) @Max(500) int pageSize,
                                  @DefaultValue("P1Y") @NotNull @PositivePeriod Period maxExportPeriod,
                                  @DefaultValue("PT6H") @NotNull @DurationMin(minutes = 1) Duration verifyInterval) {
}
