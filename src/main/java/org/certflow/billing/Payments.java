package org.certflow.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The money received for an application, as accounting recorded it; an invoice may be paid in parts. */
@Component
public class Payments {

    private final JdbcClient jdbc;

    public Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One payment as recorded: the amount, the day it reached the account and who confirmed it. */
    public record Payment(long applicationId, int amount, LocalDate receivedOn, String comment, String recordedBy,
                          Instant recordedAt) {
    }

    public void record(Payment payment) {
        jdbc.sql("""
                insert into payment (application_id, amount, received_on, comment, recorded_by, recorded_at)
                values (:applicationId, :amount, :receivedOn, :comment, :recordedBy, :recordedAt)
                """)
                .param("applicationId", payment.applicationId())
                .param("amount", payment.amount())
                .param("receivedOn", payment.receivedOn())
                .param("comment", payment.comment())
                .param("recordedBy", payment.recordedBy())
                .param("recordedAt", OffsetDateTime.ofInstant(payment.recordedAt(), ZoneOffset.UTC))
                .update();
    }

    public List<Payment> of(long applicationId) {
        return jdbc.sql("""
                select application_id, amount, received_on, comment, recorded_by, recorded_at
                from payment where application_id = :id order by id
                """)
                .param("id", applicationId)
                .query((rs, n) -> new Payment(rs.getLong(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    public long totalReceived(long applicationId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from payment where application_id = :id")
                .param("id", applicationId)
                .query(Long.class)
                .single();
    }
}
