package org.certflow.certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * How often one application's certificate may be picked up. Each pickup after the first issues a new key and
 * certificate and revokes the one before, so somebody who learned the letter's password could otherwise keep
 * replacing the applicant's certificate for the whole pickup window; beyond the limit the office decides.
 *
 * @param maxPickups pickups in total per application, the first included
 */
@Validated
@ConfigurationProperties("certflow.pickup")
public record PickupLimit(@DefaultValue("3") @Min(1) int maxPickups) {
}
