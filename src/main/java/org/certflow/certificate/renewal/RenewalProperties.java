package org.certflow.certificate.renewal;

import java.time.Period;

import org.certflow.service.PositivePeriod;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param licenceImage when a renewal needs a new licence image. The default, {@code WHEN_CHANGED}, follows the seed:
 *                     the image is there so that the office can read the registration number (and the name) and
 *                     compare them with the application; the licences the seed names do not expire, so an image
 *                     already checked proves the same number and name again, and only a change needs new evidence
 * @param linkGrace    how long after the old certificate's end its renewal link still opens
 */
@Validated
@ConfigurationProperties("certflow.renewal")
public record RenewalProperties(@DefaultValue("WHEN_CHANGED") @NotNull LicenceImagePolicy licenceImage,
                                @DefaultValue("P30D") @NotNull @PositivePeriod Period linkGrace) {
}
