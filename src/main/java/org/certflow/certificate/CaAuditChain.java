package org.certflow.certificate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The head is read before and after the rows: the CA may sign while the log is read, and every row it adds
     * moves the head in the same transaction. So every row up to the head read first must be there and end in its
     * hash, and a row beyond the head read afterwards was added by hand.
     */
    @Transactional(readOnly = true)
    public Result verify() {
        Head before = head();
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
            if (before.lastId() != null && id == before.lastId()) {
                walk.reachedHead = stored.equals(before.lastHash());
            } else if (before.lastId() == null || id > before.lastId()) {
                walk.afterHead.add(id);
            }
            walk.previousHash = stored;
            walk.lastId = id;
        });
        if (walk.brokenAt != null) {
            return new Result(false, walk.rows, walk.brokenAt, walk.problem, null);
        }
        if (before.lastId() != null && !walk.reachedHead) {
            return new Result(false, walk.rows, before.lastId(), "the chain ends at row " + before.lastId()
                    + " but the log at row " + walk.lastId + ": rows were removed from its end", null);
        }
        Head after = head();
        boolean beyondHead = walk.lastId != null && (after.lastId() == null || walk.lastId > after.lastId());
        boolean headMatches = walk.lastId == null || !walk.lastId.equals(after.lastId())
                || walk.previousHash.equals(after.lastHash());
        if (beyondHead || !headMatches) {
            Long added = walk.afterHead.stream().filter(id -> after.lastId() == null || id > after.lastId())
                    .findFirst().orElse(walk.lastId);
            return new Result(false, walk.rows, added, "the chain ends at row " + after.lastId()
                    + " but the log at row " + walk.lastId + ": rows were added to its end", null);
        }
        return new Result(true, walk.rows, null, null, walk.previousHash);
    }

    private Head head() {
        var head = jdbc.queryForMap("select last_id, last_hash from ca_audit_head where id = 1");
        Number lastId = (Number) head.get("last_id");
        return new Head(lastId == null ? null : lastId.longValue(), (String) head.get("last_hash"));
    }

    private record Head(Long lastId, String lastHash) {
    }

    private static final class Walk {
        String previousHash = CaAuditEntry.GENESIS;
        Long lastId;
        long rows;
        Long brokenAt;
        String problem;
        boolean reachedHead;
        final List<Long> afterHead = new ArrayList<>();
    }
}
