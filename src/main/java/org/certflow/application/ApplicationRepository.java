package org.certflow.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class ApplicationRepository {

    /** Order numbers read {@code PBJ} and eight digits; the id keeps them unique across nodes. */
    private static final long ORDER_NUMBER_BASE = 10_000_000L;

    private final JdbcClient jdbc;
    private final LicenceImageCipher cipher;

    public ApplicationRepository(JdbcClient jdbc, LicenceImageCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Application createProvisional(String email, Qualification qualification, String obligationsVersion,
                                         Instant acceptedAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime now = utc(acceptedAt);
        jdbc.sql("""
                insert into application (order_number, status, qualification, email, obligations_version,
                                         obligations_accepted_at, created_at, updated_at)
                values (:pending, :status, :qualification, :email, :version, :accepted, :now, :now)
                """)
                .param("pending", "PENDING-" + java.util.UUID.randomUUID().toString().substring(0, 8))
                .param("status", ApplicationStatus.AWAITING_MAIN_APPLICATION.name())
                .param("qualification", qualification.name())
                .param("email", email)
                .param("version", obligationsVersion)
                .param("accepted", now)
                .param("now", now)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("update application set order_number = :orderNumber where id = :id")
                .param("orderNumber", "PBJ" + (ORDER_NUMBER_BASE + id))
                .param("id", id)
                .update();
        return get(id);
    }

    public Application get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No application " + id));
    }

    /**
     * The application, its row locked until the caller's transaction ends: whatever is decided from it (a pickup
     * against the pickup limit) is decided by one request at a time, on every node.
     */
    public Application lock(long id) {
        return jdbc.sql("select * from application where id = :id for update").param("id", id)
                .query(ApplicationRepository::map).optional()
                .orElseThrow(() -> new IllegalStateException("No application " + id));
    }

    public Optional<Application> find(long id) {
        return jdbc.sql("select * from application where id = :id").param("id", id)
                .query(ApplicationRepository::map).optional();
    }

    public Optional<Application> findByOrderNumber(String orderNumber) {
        return jdbc.sql("select * from application where order_number = :orderNumber")
                .param("orderNumber", orderNumber)
                .query(ApplicationRepository::map).optional();
    }

    public void saveDetails(long id, ApplicantDetails details, int validityYears, boolean chamberMember, Instant now) {
        jdbc.sql("""
                update application set family_name = :familyName, first_name = :firstName,
                    family_name_kana = :familyNameKana, first_name_kana = :firstNameKana,
                    family_name_romaji = :familyNameRomaji, first_name_romaji = :firstNameRomaji,
                    date_of_birth = :dateOfBirth, office_name = :officeName, phone = :phone, postal_code = :postalCode, address = :address,
                    registration_number = :registrationNumber, validity_years = :validityYears,
                    chamber_member = :chamberMember, updated_at = :now
                where id = :id
                """)
                .param("familyName", details.familyName())
                .param("firstName", details.firstName())
                .param("familyNameKana", details.familyNameKana())
                .param("firstNameKana", details.firstNameKana())
                .param("familyNameRomaji", details.familyNameRomaji())
                .param("firstNameRomaji", details.firstNameRomaji())
                .param("dateOfBirth", details.dateOfBirth())
                .param("officeName", details.officeName())
                .param("phone", details.phone())
                .param("postalCode", details.postalCode())
                .param("address", details.address())
                .param("registrationNumber", details.registrationNumber())
                .param("validityYears", validityYears)
                .param("chamberMember", chamberMember)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    /**
     * The main application is sent: the pickup password (only its hash) is fixed from now on. False when it was
     * not waiting for it any more, as when the submit button was pressed twice and the other press got here
     * first: the row stays locked until the model, in the same transaction, has moved the status on.
     */
    public boolean recordSubmission(long id, String pickupPasswordHash, Instant now) {
        return jdbc.sql("""
                update application set pickup_password_hash = :hash, submitted_at = :now, updated_at = :now
                where id = :id and status = :waiting
                """)
                .param("hash", pickupPasswordHash)
                .param("now", utc(now))
                .param("id", id)
                .param("waiting", ApplicationStatus.AWAITING_MAIN_APPLICATION.name())
                .update() == 1;
    }

    /**
     * A corrected application is sent again; the review starts over on the new revision. False when it was not
     * waiting for the correction any more.
     */
    public boolean recordResubmission(long id, Instant now) {
        return jdbc.sql("""
                update application set revision = revision + 1, updated_at = :now
                where id = :id and status = :waiting
                """)
                .param("now", utc(now))
                .param("id", id)
                .param("waiting", ApplicationStatus.RETURNED_FOR_CORRECTION.name())
                .update() == 1;
    }

    /** Only the model moves the status (its listeners name the new one); everything else records facts. */
    public void updateStatus(long id, ApplicationStatus status, Instant now) {
        jdbc.sql("update application set status = :status, updated_at = :now where id = :id")
                .param("status", status.name())
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    public void recordReviewComment(long id, String comment, Instant now) {
        jdbc.sql("update application set review_comment = :comment, updated_at = :now where id = :id")
                .param("comment", comment)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    public void recordApproval(long id, Instant now) {
        jdbc.sql("update application set approved_at = :now, updated_at = :now where id = :id")
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    public Optional<String> pickupPasswordHash(long id) {
        return jdbc.sql("select pickup_password_hash from application where id = :id").param("id", id)
                .query(String.class).optional();
    }

    /** Replaces the pickup password's hash; {@code null} leaves the application without a password that logs in. */
    public void replacePickupPasswordHash(long id, String hash, Instant now) {
        jdbc.sql("update application set pickup_password_hash = :hash, updated_at = :now where id = :id")
                .param("hash", hash)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    public void recordPickup(long id, Instant now) {
        jdbc.sql("update application set picked_up_at = :now, updated_at = :now where id = :id")
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    /** Stores the image encrypted under the current data protection key, bound to this application. */
    public void saveLicenceImage(long applicationId, LicenceImage image, Instant now) {
        LicenceImageCipher.Sealed sealed = cipher.seal(applicationId, image.contentType(), image.content());
        jdbc.sql("delete from licence_image where application_id = :id").param("id", applicationId).update();
        jdbc.sql("""
                insert into licence_image (application_id, content_type, content, key_id, size_bytes, width, height,
                                           uploaded_at)
                values (:id, :contentType, :content, :keyId, :size, :width, :height, :now)
                """)
                .param("id", applicationId)
                .param("contentType", image.contentType())
                .param("content", sealed.bytes())
                .param("keyId", sealed.keyId())
                .param("size", image.content().length)
                .param("width", image.width())
                .param("height", image.height())
                .param("now", utc(now))
                .update();
    }

    /**
     * The image as it was uploaded, decrypted with the key its row names (a row without a key id was stored before
     * images were encrypted and is read as it is, until the re-encryption job reaches it).
     *
     * @throws LicenceImageCipher.UnreadableImageException when the row's key is not in the settings or the row was
     *                                                     changed or copied from another application
     */
    public Optional<LicenceImage> findLicenceImage(long applicationId) {
        return jdbc.sql("""
                        select content_type, content, key_id, width, height from licence_image
                        where application_id = :id
                        """)
                .param("id", applicationId)
                .query((rs, n) -> new LicenceImage(rs.getString("content_type"),
                        plain(applicationId, rs.getString("content_type"), rs.getString("key_id"),
                                rs.getBytes("content")),
                        rs.getInt("width"), rs.getInt("height")))
                .optional();
    }

    /** Whether an image is on file, without reading it. */
    public boolean hasLicenceImage(long applicationId) {
        return jdbc.sql("select count(*) from licence_image where application_id = :id")
                .param("id", applicationId).query(Long.class).single() > 0;
    }

    /** Stored images by the id of the key they are encrypted with; {@code null} counts those stored in plain. */
    public Map<String, Long> licenceImagesByKey() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select key_id, count(*) from licence_image group by key_id")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /**
     * Up to {@code limit} applications, by id after {@code after}, whose image is stored in plain or under another key
     * than the current one.
     */
    public List<Long> licenceImagesToReencrypt(long after, int limit) {
        return jdbc.sql("""
                        select application_id from licence_image
                        where (key_id is null or key_id <> :current) and application_id > :after
                        order by application_id fetch first %d rows only
                        """.formatted(limit))
                .param("current", cipher.currentKeyId())
                .param("after", after)
                .query(Long.class).list();
    }

    /**
     * Encrypts the application's image under the current key, if it is stored in plain or under another key; returns
     * whether this call rewrote it. The row is written only if it still has the key it was read with: several nodes
     * may do this at once, and an applicant may upload a new image meanwhile, without a new image being overwritten.
     *
     * @throws LicenceImageCipher.UnreadableImageException when the stored image does not open
     */
    public boolean reencryptLicenceImage(long applicationId) {
        record Stored(String contentType, String keyId, byte[] content) {
        }
        String current = cipher.currentKeyId();
        Optional<Stored> stored = jdbc.sql("""
                        select content_type, key_id, content from licence_image where application_id = :id
                        """)
                .param("id", applicationId)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
        if (stored.isEmpty() || current.equals(stored.get().keyId())) {
            return false;
        }
        Stored row = stored.get();
        byte[] plain = plain(applicationId, row.contentType(), row.keyId(), row.content());
        LicenceImageCipher.Sealed sealed = cipher.seal(applicationId, row.contentType(), plain);
        return jdbc.sql("""
                        update licence_image set content = :content, key_id = :newKey
                        where application_id = :id and %s
                        """.formatted(row.keyId() == null ? "key_id is null" : "key_id = :oldKey"))
                .param("content", sealed.bytes())
                .param("newKey", sealed.keyId())
                .param("id", applicationId)
                .param("oldKey", String.valueOf(row.keyId()))
                .update() == 1;
    }

    private byte[] plain(long applicationId, String contentType, String keyId, byte[] content) {
        return keyId == null ? content : cipher.open(applicationId, contentType, keyId, content);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Application map(ResultSet rs, int row) throws SQLException {
        ApplicantDetails details = rs.getString("family_name") == null ? null : new ApplicantDetails(
                rs.getString("family_name"), rs.getString("first_name"),
                rs.getString("family_name_kana"), rs.getString("first_name_kana"),
                rs.getString("family_name_romaji"), rs.getString("first_name_romaji"),
                rs.getObject("date_of_birth", java.time.LocalDate.class), rs.getString("office_name"),
                rs.getString("phone"), rs.getString("postal_code"), rs.getString("address"),
                rs.getString("registration_number"));
        return new Application(
                rs.getLong("id"),
                rs.getString("order_number"),
                ApplicationStatus.valueOf(rs.getString("status")),
                Qualification.valueOf(rs.getString("qualification")),
                rs.getString("email"),
                details,
                rs.getInt("validity_years"),
                rs.getBoolean("chamber_member"),
                rs.getInt("revision"),
                rs.getString("review_comment"),
                instant(rs, "created_at"),
                instant(rs, "submitted_at"),
                instant(rs, "approved_at"));
    }
}
