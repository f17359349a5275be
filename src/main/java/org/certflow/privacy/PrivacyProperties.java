package org.certflow.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The privacy notice (個人情報の取扱い) the portal shows and the applicant consents to.
 *
 * @param noticeVersion the notice's version, recorded with every consent; change it whenever the text changes
 * @param notice        where the notice's text is read from at start (a Spring resource: {@code classpath:…} or
 *                      {@code file:…}), UTF-8 plain text: {@code # } a title, {@code ## } a heading, {@code - } a
 *                      list item, an empty line between paragraphs; {@code {office}}, {@code {phone}},
 *                      {@code {mail}}, {@code {hours}}, {@code {issuer}} and {@code {service}} are replaced by the
 *                      contact and service settings
 */
@Validated
@ConfigurationProperties("certflow.privacy")
public record PrivacyProperties(
        @DefaultValue("2026-12") @NotBlank @Pattern(regexp = "[0-9A-Za-z.-]{1,32}",
                message = "must be 1 to 32 letters, digits, dots or hyphens, e.g. 2026-12") String noticeVersion,
        @DefaultValue("classpath:privacy/notice-ja.txt") @NotBlank String notice) {
}
