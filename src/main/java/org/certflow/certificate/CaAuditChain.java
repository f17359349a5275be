package org.certflow.certificate;

import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the hash chain of {@code ca_audit}: every row's hash is recomputed from the previous one, and the newest
 * row must be the one {@code ca_audit_head} names. Reads the table once, row by row, without a lock.
 * <p>
 * It finds what somebody with write access to the database changed by hand (a row updated, deleted or inserted
 * between others, the newest rows removed). Somebody who also recomputes every later hash and the head is not
 * found by the chain alone: compare the newest hash ({@link Result#newestHash()}, printed by
 * {@code audit verify}) with a copy kept outside the database.
 */
@Component
public class CaAuditChain {

    /** What the check found. */
    public record Result(boolean intact, long rows, Long firstBrokenRow, String problem, String newestHash) {
    }

    private final JdbcTemplate jdbc;

    public CaAuditChain(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        // PostgreSQL hands a large table over in pieces only with a fetch size inside a transaction
        this.jdbc.setFetchSize(1000);
    }

    @Transactional(readOnly = true)
    public Result verify() {
        Walk walk = new Walk();
        jdbc.query("""
                select id, operation, subject, serial, actor, requested_by, approved_by, at, hash
                from ca_audit order by id
                """, rs -> {
            if (walk.brokenAt != null) {
                return;
            }
            long id = rs.getLong("id");
            CaAuditEntry entry = new CaAuditEntry(rs.getString("operation"), rs.getString("subject"),
                    rs.getString("serial"), rs.getString("actor"), rs.getString("requested_by"),
                    rs.getString("approved_by"), rs.getObject("at", OffsetDateTime.class).toInstant());
            String stored = rs.getString("hash");
            walk.rows++;
            if (stored == null || !stored.equals(entry.hash(walk.previousHash))) {
                walk.brokenAt = id;
                walk.problem = "row " + id + " does not match its hash";
                return;
            }
            walk.previousHash = stored;
            walk.lastId = id;
        });
        if (walk.brokenAt != null) {
            return new Result(false, walk.rows, walk.brokenAt, walk.problem, null);
        }
        var head = jdbc.queryForMap("select last_id, last_hash from ca_audit_head where id = 1");
        Number headId = (Number) head.get("last_id");
        boolean headMatches = walk.previousHash.equals(head.get("last_hash"))
                && (headId == null ? walk.lastId == null : walk.lastId != null && headId.longValue() == walk.lastId);
        if (!headMatches) {
            Long missing = headId == null ? walk.lastId : Long.valueOf(headId.longValue());
            return new Result(false, walk.rows, missing, "the chain ends at row " + headId
                    + " but the log at row " + walk.lastId + ": rows were removed from or added to its end", null);
        }
        return new Result(true, walk.rows, null, null, walk.previousHash);
    }

    private static final class Walk {
        String previousHash = CaAuditEntry.GENESIS;
        Long lastId;
        long rows;
        Long brokenAt;
        String problem;
    }
}
