package org.certflow.certificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.bouncycastle.cert.X509CRLHolder;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.PkiSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CRL that {@code /pki/crl} serves: signed and stored on each revocation and by the model
 * {@code crl-publication} well before its nextUpdate, so every node serves the same list and no request
 * makes the CA sign.
 */
@Component
public class CrlPublication {

    /** A stored CRL is published anew when less than this is left before its nextUpdate. */
    static final Duration REFRESH_BEFORE_NEXT_UPDATE = Duration.ofDays(3);

    private final CertificateAuthority authority;
    private final CertificateRegistry registry;
    private final CaAudit audit;
    private final JdbcClient jdbc;
    private final String cycle;
    /** The CA dates its CRLs by this clock; freshness is judged by the same one. */
    private final Clock clock;

    CrlPublication(CertificateAuthority authority, CertificateRegistry registry, CaAudit audit, JdbcClient jdbc,
                   PkiSettings settings, Clock clock) {
        this.authority = authority;
        this.registry = registry;
        this.audit = audit;
        this.jdbc = jdbc;
        this.cycle = settings.crlPublicationCycle();
        this.clock = clock;
    }

    /** The timer cycle of {@code crl-publication} (ISO-8601 repeating interval), well within the CRL's 7 days. */
    public String cycle() {
        return cycle;
    }

    /** Signs a CRL of every revoked certificate and stores it as the one served. */
    @Transactional
    public byte[] publish(String reason, String actor) {
        byte[] crl = authority.crl(registry::revoked);
        try {
            X509CRLHolder holder = new X509CRLHolder(crl);
            jdbc.sql("""
                    insert into published_crl (crl, this_update, next_update, reason)
                    values (:crl, :thisUpdate, :nextUpdate, :reason)
                    """)
                    .param("crl", crl)
                    .param("thisUpdate", utc(holder.getThisUpdate().toInstant()))
                    .param("nextUpdate", utc(holder.getNextUpdate().toInstant()))
                    .param("reason", reason)
                    .update();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the CRL just signed", e);
        }
        audit.record(CaAudit.Operation.PUBLISH_CRL, authority.issuingCertificate().getSubjectX500Principal().getName(),
                null, actor);
        return crl;
    }

    /** The CRL to serve: the newest stored one, or a new one when none is stored or it is close to its end. */
    public byte[] current() {
        Optional<byte[]> stored = jdbc.sql("""
                select crl from published_crl where next_update > :freshUntil order by id desc limit 1
                """)
                .param("freshUntil", utc(clock.instant().plus(REFRESH_BEFORE_NEXT_UPDATE)))
                .query(byte[].class).optional();
        return stored.orElseGet(() -> publish("served while none was fresh", "system"));
    }

    /** Whether the stored CRL needs replacing before clients see it expire. */
    public boolean refreshDue() {
        return jdbc.sql("select count(*) from published_crl where next_update > :freshUntil")
                .param("freshUntil", utc(clock.instant().plus(REFRESH_BEFORE_NEXT_UPDATE)))
                .query(Long.class).single() == 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
