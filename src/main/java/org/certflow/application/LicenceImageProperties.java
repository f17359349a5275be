package org.certflow.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param concurrentDecodes licence images decoded at the same time on one node; each may take up to
 *                          {@link LicenceImageCheck#MAX_DECODED_BYTES} of heap and a CPU core for a second
 * @param decodeWait        how long an upload waits for a free decode before the applicant is asked to send
 *                          it again
 */
@Validated
@ConfigurationProperties("certflow.licence-image")
public record LicenceImageProperties(@DefaultValue("2") @Min(1) int concurrentDecodes,
                                     @DefaultValue("PT10S") @NotNull Duration decodeWait) {
}
