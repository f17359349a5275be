package org.certflow.billing.banktransfer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * The import of the bank's transfer notices.
 *
 * @param maxFileSize the largest file accepted (a transfer is 200 bytes: 1 MB holds about 5,000); larger uploads are
 *                    refused with a message before they are read
 */
@ConfigurationProperties("certflow.billing.bank-transfer")
@Validated
public record BankTransferProperties(@DefaultValue("1MB") @NotNull DataSize maxFileSize) {

    /** A limit below one record would refuse every file. */
    @AssertTrue(message = "must be at least 200 bytes")
    public boolean isMaxFileSizeAtLeastOneRecord() {
        return maxFileSize == null || maxFileSize.toBytes() >= FixedRecord.LENGTH;
    }
}
