package org.certflow.operations;

import org.certflow.billing.records.TaxRecordIntegrity;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code taxRecords}: every stored invoice, receipt and return invoice still has the SHA-256 stored when it
 * was issued; DOWN gives the count of mismatches and their numbers. Reports the last whole check (scheduled, or run
 * by accounting on the tax records page), so a probe never reads every PDF; before the first one it runs one. Not
 * part of readiness: a changed record is for people to look into, not a reason to stop serving.
 */
@Component
class TaxRecordsHealthIndicator implements HealthIndicator {

    private final TaxRecordIntegrity integrity;

    TaxRecordsHealthIndicator(TaxRecordIntegrity integrity) {
        this.integrity = integrity;
    }

    @Override
    public Health health() {
        // a probe never hashes every stored PDF itself: until the scheduled check has run, the state is unknown
        return integrity.last().map(TaxRecordsHealthIndicator::report).orElseGet(() -> Health.unknown()
                .withDetail("checkedAt", "not yet: the first whole check runs two minutes after the start").build());
    }

    private static Health report(TaxRecordIntegrity.Check check) {
        Health.Builder health = check.intact() ? Health.up()
                : Health.down().withDetail("mismatchingDocuments", check.mismatchingNumbers());
        return health.withDetail("documents", check.documents()).withDetail("mismatches", check.mismatches())
                .withDetail("checkedAt", check.at().toString()).build();
    }
}
