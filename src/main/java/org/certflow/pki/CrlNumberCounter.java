package org.certflow.pki;

import java.math.BigInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * CRL numbers from the one-row table {@code crl_number}. The increment locks the row until the caller's transaction
 * ends, so the CRL published last is also the one with the highest number, on every node.
 */
@Component
class CrlNumberCounter implements CrlNumbers {

    private final JdbcClient jdbc;

    CrlNumberCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public BigInteger next() {
        if (jdbc.sql("update crl_number set last_number = last_number + 1 where id = 1").update() != 1) {
            throw new IllegalStateException("the CRL number counter is missing (table crl_number)");
        }
        return BigInteger.valueOf(jdbc.sql("select last_number from crl_number where id = 1")
                .query(Long.class).single());
    }
}
