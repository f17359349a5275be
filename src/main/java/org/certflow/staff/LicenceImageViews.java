package org.certflow.staff;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who saw an applicant's licence image, and when: a row for every time the image left certflow. */
@Component
class LicenceImageViews {

    record View(long applicationId, String viewedBy, String taskId, Instant viewedAt) {
    }

    private final JdbcClient jdbc;

    LicenceImageViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long applicationId, String viewedBy, String taskId, Instant at) {
        jdbc.sql("""
                insert into licence_image_view (application_id, viewed_by, task_id, viewed_at)
                values (:applicationId, :viewedBy, :taskId, :at)
                """)
                .param("applicationId", applicationId)
                .param("viewedBy", viewedBy)
                .param("taskId", taskId)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    /** The views of an application's image, oldest first. */
    List<View> of(long applicationId) {
        return jdbc.sql("""
                select application_id, viewed_by, task_id, viewed_at from licence_image_view
                where application_id = :id order by id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new View(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
    }
}
