package org.certflow.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    public ApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    public void saveLicenceImage(long applicationId, LicenceImage image, Instant now) {
        jdbc.sql("delete from licence_image where application_id = :id").param("id", applicationId).update();
        jdbc.sql("""
                insert into licence_image (application_id, content_type, content, size_bytes, width, height, uploaded_at)
                values (:id, :contentType, :content, :size, :width, :height, :now)
                """)
                .param("id", applicationId)
                .param("contentType", image.contentType())
                .param("content", image.content())
                .param("size", image.content().length)
                .param("width", image.width())
                .param("height", image.height())
                .param("now", utc(now))
                .update();
    }

    public Optional<LicenceImage> findLicenceImage(long applicationId) {
        return jdbc.sql("select content_type, content, width, height from licence_image where application_id = :id")
                .param("id", applicationId)
                .query((rs, n) -> new LicenceImage(rs.getString(1), rs.getBytes(2), rs.getInt(3), rs.getInt(4)))
                .optional();
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
