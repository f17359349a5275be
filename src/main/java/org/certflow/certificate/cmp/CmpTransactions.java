package org.certflow.certificate.cmp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the CA remembers between the messages of a CMP transaction, in the database so that any node behind a load
 * balancer can take the next message: the transaction (its certificate awaiting the certConf) and the sender nonces
 * seen lately (a message sent again is refused).
 */
@Repository
class CmpTransactions {

    enum State { AWAITING_CONFIRMATION, CONFIRMED, REJECTED, REVOKED }

    record Transaction(String transactionId, String sender, State state, String serialNumber) {
    }

    private final JdbcClient jdbc;

    CmpTransactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the nonce once; {@code false} when it was seen already. Runs in a transaction of its own (the caller has
     * none), so that a refused duplicate does not abort anything on PostgreSQL.
     */
    boolean takeNonce(String senderNonce, Instant now, Instant forgetBefore) {
        jdbc.sql("delete from cmp_nonce where seen_at < :before").param("before", utc(forgetBefore)).update();
        try {
            jdbc.sql("insert into cmp_nonce (sender_nonce, seen_at) values (:nonce, :now)")
                    .param("nonce", senderNonce).param("now", utc(now)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Starts a transaction; throws {@link DuplicateKeyException} when its ID was taken before. */
    void start(String transactionId, String sender, Instant now) {
        jdbc.sql("""
                insert into cmp_transaction (transaction_id, sender, state, created_at, updated_at)
                values (:id, :sender, :state, :now, :now)
                """)
                .param("id", transactionId).param("sender", sender)
                .param("state", State.AWAITING_CONFIRMATION.name()).param("now", utc(now))
                .update();
    }

    void issued(String transactionId, String serialNumber, Instant now) {
        jdbc.sql("update cmp_transaction set serial_number = :serial, updated_at = :now where transaction_id = :id")
                .param("serial", serialNumber).param("now", utc(now)).param("id", transactionId).update();
    }

    /** The transaction, locked until the caller's transaction ends: two certConfs for it queue here. */
    Optional<Transaction> lock(String transactionId) {
        return jdbc.sql("select * from cmp_transaction where transaction_id = :id for update")
                .param("id", transactionId)
                .query((rs, n) -> new Transaction(rs.getString("transaction_id"), rs.getString("sender"),
                        State.valueOf(rs.getString("state")), rs.getString("serial_number")))
                .optional();
    }

    void finish(String transactionId, State state, Instant now) {
        jdbc.sql("update cmp_transaction set state = :state, updated_at = :now where transaction_id = :id")
                .param("state", state.name()).param("now", utc(now)).param("id", transactionId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
