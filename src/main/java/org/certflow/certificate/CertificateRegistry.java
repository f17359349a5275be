package org.certflow.certificate;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.certflow.pki.RevokedCertificate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The register of issued certificates: what the CRL and the expiry notices read. */
@Repository
public class CertificateRegistry {

    private final JdbcClient jdbc;

    public CertificateRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param applicationId the application, or {@code null} for a certificate a registration authority enrolled */
    public void record(Long applicationId, X509Certificate certificate, Instant issuedAt) {
        try {
            jdbc.sql("""
                    insert into issued_certificate (application_id, serial_number, subject_dn, not_before, not_after,
                                                    certificate_der, issued_at)
                    values (:id, :serial, :subject, :notBefore, :notAfter, :der, :issuedAt)
                    """)
                    .param("id", applicationId)
                    .param("serial", certificate.getSerialNumber().toString(16))
                    .param("subject", certificate.getSubjectX500Principal().getName())
                    .param("notBefore", utc(certificate.getNotBefore().toInstant()))
                    .param("notAfter", utc(certificate.getNotAfter().toInstant()))
                    .param("der", certificate.getEncoded())
                    .param("issuedAt", utc(issuedAt))
                    .update();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the certificate of application " + applicationId, e);
        }
    }

    /** The newest certificate of the application that is not revoked. */
    public Optional<IssuedCertificate> findCurrent(long applicationId) {
        return jdbc.sql("""
                select * from issued_certificate where application_id = :id and revoked_at is null
                order by issued_at desc, id desc
                """)
                .param("id", applicationId)
                .query(CertificateRegistry::map).list().stream().findFirst();
    }

    public Optional<IssuedCertificate> findLatest(long applicationId) {
        return jdbc.sql("select * from issued_certificate where application_id = :id order by issued_at desc, id desc")
                .param("id", applicationId)
                .query(CertificateRegistry::map).list().stream().findFirst();
    }

    /** Every certificate issued for the application, the oldest first. */
    public List<IssuedCertificate> findAll(long applicationId) {
        return jdbc.sql("select * from issued_certificate where application_id = :id order by issued_at, id")
                .param("id", applicationId)
                .query(CertificateRegistry::map).list();
    }

    /** A certificate by its serial number (hexadecimal, as stored: lower case, no leading zeros). */
    public Optional<IssuedCertificate> findBySerialNumber(String serialNumberHex) {
        return jdbc.sql("select * from issued_certificate where serial_number = :serial")
                .param("serial", serialNumberHex)
                .query(CertificateRegistry::map).optional();
    }

    /** The DER encoding of a certificate by its serial number (hexadecimal, as stored). */
    public Optional<byte[]> certificateDer(String serialNumberHex) {
        return jdbc.sql("select certificate_der from issued_certificate where serial_number = :serial")
                .param("serial", serialNumberHex)
                .query(byte[].class).optional();
    }

    public void revokeAll(long applicationId, int reason, Instant at) {
        jdbc.sql("""
                update issued_certificate set revoked_at = :at, revocation_reason = :reason
                where application_id = :id and revoked_at is null
                """)
                .param("at", utc(at))
                .param("reason", reason)
                .param("id", applicationId)
                .update();
    }

    public void revoke(String serialNumberHex, int reason, Instant at) {
        jdbc.sql("""
                update issued_certificate set revoked_at = :at, revocation_reason = :reason
                where serial_number = :serial and revoked_at is null
                """)
                .param("at", utc(at))
                .param("reason", reason)
                .param("serial", serialNumberHex)
                .update();
    }

    public List<RevokedCertificate> revoked() {
        return jdbc.sql("""
                select serial_number, revoked_at, revocation_reason from issued_certificate
                where revoked_at is not null order by revoked_at
                """)
                .query((rs, n) -> new RevokedCertificate(new BigInteger(rs.getString(1), 16),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getInt(3)))
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static IssuedCertificate map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
        Integer reason = rs.getObject("revocation_reason", Integer.class);
        return new IssuedCertificate(rs.getObject("application_id", Long.class), rs.getString("serial_number"),
                rs.getString("subject_dn"), rs.getObject("not_before", OffsetDateTime.class).toInstant(),
                rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                revokedAt == null ? null : revokedAt.toInstant(), reason);
    }
}
