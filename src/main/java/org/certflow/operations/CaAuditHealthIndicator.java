package org.certflow.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.certflow.certificate.CaAuditChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code caAudit}: the hash chain of the CA's audit log is intact; DOWN names the first row that does not
 * match. Reading the whole log costs time as it grows, so the answer is reused for
 * {@code certflow.audit.verify-interval}. Not part of readiness: a changed log is for people to look into, not a
 * reason to stop serving.
 */
@Component
class CaAuditHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CaAuditHealthIndicator.class);

    private final CaAuditChain chain;
    private final Clock clock;
    private final Duration interval;
    private volatile Checked last;

    CaAuditHealthIndicator(CaAuditChain chain, Clock clock,
                           AuditProperties properties) {
        this.chain = chain;
        this.clock = clock;
        this.interval = properties.verifyInterval();
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Checked checked = last;
        if (checked == null || now.isBefore(checked.at()) || !now.isBefore(checked.at().plus(interval))) {
            checked = new Checked(now, chain.verify());
            last = checked;
            if (!checked.result().intact()) {
                log.error("The CA audit log ca_audit was changed: {}", checked.result().problem());
            }
        }
        CaAuditChain.Result result = checked.result();
        Health.Builder health = result.intact() ? Health.up().withDetail("newestHash", result.newestHash())
                : Health.down().withDetail("firstBrokenRow", result.firstBrokenRow())
                        .withDetail("problem", result.problem());
        return health.withDetail("rows", result.rows()).withDetail("checkedAt", checked.at().toString()).build();
    }

    private record Checked(Instant at, CaAuditChain.Result result) {
    }
}
