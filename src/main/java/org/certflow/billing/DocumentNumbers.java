package org.certflow.billing;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gapless sequential numbers per series (e.g. {@code INV-2026}): the next number is taken by updating the
 * series' counter row, which stays locked until the caller's transaction ends. If that transaction rolls back,
 * so does the number; two transactions, on one node or two, never get the same number.
 */
@Component
class DocumentNumbers {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    DocumentNumbers(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Makes sure the series (a new year) has its counter row, in a transaction of its own. Call it before the
     * transaction that takes a number starts, so that transaction never waits for its own series to appear.
     */
    public void ensureSeries(String series) {
        ownTransaction.executeWithoutResult(status -> {
            long exists = jdbc.sql("select count(*) from document_counter where series = :series")
                    .param("series", series).query(Long.class).single();
            if (exists == 0) {
                try {
                    jdbc.sql("insert into document_counter (series, last_number) values (:series, 0)")
                            .param("series", series).update();
                } catch (DuplicateKeyException e) {
                    // another node started the series first
                    status.setRollbackOnly();
                }
            }
        });
    }

    /** The next number of the series, within the caller's transaction; the series must exist. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int next(String series) {
        if (increment(series) != 1) {
            throw new IllegalStateException("Counter of series " + series + " does not exist");
        }
        return jdbc.sql("select last_number from document_counter where series = :series")
                .param("series", series).query(Integer.class).single();
    }

    private int increment(String series) {
        return jdbc.sql("update document_counter set last_number = last_number + 1 where series = :series")
                .param("series", series).update();
    }
}
