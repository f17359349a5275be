package org.certflow.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param demoUsers create one demo user per staff group and an administrator, with passwords printed at
 *                  start; for the default run only, never in production
 */
@Validated
@ConfigurationProperties("certflow.staff")
public record StaffProperties(@DefaultValue("true") boolean demoUsers) {
}
