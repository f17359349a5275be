package org.certflow.mail;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches the default run: no {@code spring.mail.host}, so mail goes to the embedded dev SMTP server. Never under
 * the production profile, where an empty SMTP host must not bring up a mailbox page full of applicants' links.
 */
final class NoSmtpHostCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !context.getEnvironment().matchesProfiles("production")
                && !StringUtils.hasText(context.getEnvironment().getProperty("spring.mail.host"));
    }
}
