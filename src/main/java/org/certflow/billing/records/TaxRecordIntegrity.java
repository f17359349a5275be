package org.certflow.billing.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The whole check of the tax records: the SHA-256 of every stored PDF recomputed and compared with the one stored
 * when the document was issued. Each node runs it every {@code certflow.billing.tax-records.verify-interval}
 * (reading only, so nodes need not agree on who runs it), accounting runs it from the staff page, and the health
 * indicator {@code taxRecords} reports the last result. A mismatch is logged as an error naming the documents.
 */
@Component
public class TaxRecordIntegrity {

    /** Numbers of mismatching documents a result names; the count covers all of them. */
    static final int NAMED_MAX = 100;
    private static final Logger log = LoggerFactory.getLogger(TaxRecordIntegrity.class);

    private final TaxRecords records;
    private final Clock clock;
    private volatile Check last;

    TaxRecordIntegrity(TaxRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** Checks every document now. */
    public Check verifyAll() {
        Instant startedAt = clock.instant();
        AtomicLong documents = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();
        List<String> named = new ArrayList<>();
        try {
            records.forEach(TaxRecordQuery.issuedBetween(null, null), (record, pdf) -> {
                documents.incrementAndGet();
                if (!record.intact()) {
                    mismatches.incrementAndGet();
                    if (named.size() < NAMED_MAX) {
                        named.add(record.number());
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Check check = new Check(startedAt, documents.get(), mismatches.get(), List.copyOf(named));
        last = check;
        if (!check.intact()) {
            log.error("Tax records changed after issue: {} of {} stored PDFs no longer match their SHA-256: {}",
                    check.mismatches(), check.documents(), check.mismatchingNumbers());
        }
        return check;
    }

    /** The result of the last whole check on this node, if one ran. */
    public Optional<Check> last() {
        return Optional.ofNullable(last);
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "${certflow.billing.tax-records.verify-interval:PT6H}")
    void scheduledCheck() {
        verifyAll();
    }

    /**
     * @param mismatchingNumbers the numbers of the first {@value #NAMED_MAX} documents that do not match
     */
    public record Check(Instant at, long documents, long mismatches, List<String> mismatchingNumbers) {

        public boolean intact() {
            return mismatches == 0;
        }
    }
}
