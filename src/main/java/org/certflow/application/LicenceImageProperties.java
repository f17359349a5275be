package org.certflow.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param concurrentDecodes licence images decoded at the same time on one node; each may take up to
 *                          {@link LicenceImageCheck#MAX_DECODED_BYTES} of heap and a CPU core for a second
 * @param decodeWait        how long an upload waits for a free decode before the applicant is asked to send
 *                          it again
 */
@ConfigurationProperties("certflow.licence-image")
public record LicenceImageProperties(@DefaultValue("2") int concurrentDecodes,
                                     @DefaultValue("PT10S") Duration decodeWait) {

    public LicenceImageProperties {
        if (concurrentDecodes < 1) {
            throw new IllegalArgumentException("certflow.licence-image.concurrent-decodes must be at least 1");
        }
    }
}
