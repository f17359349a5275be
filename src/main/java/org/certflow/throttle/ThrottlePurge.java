package org.certflow.throttle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every address that ever failed a login or applied leaves a row; once its window and lock are over the row means
 * nothing. Each node purges on its own: deleting what another node deleted already is harmless.
 */
@Configuration
@EnableScheduling
class ThrottlePurge {

    private static final Logger log = LoggerFactory.getLogger(ThrottlePurge.class);

    private final Throttle throttle;

    ThrottlePurge(Throttle throttle) {
        this.throttle = throttle;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void purgeExpired() {
        int purged = throttle.purgeExpired();
        log.debug("Purged {} expired throttle counts", purged);
    }
}
