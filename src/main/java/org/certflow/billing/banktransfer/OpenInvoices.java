package org.certflow.billing.banktransfer;

import java.util.List;

import org.certflow.application.ApplicationStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The invoices a transfer may pay: not paid in full, of an application that waits for its payment. */
@Component
class OpenInvoices {

    private final JdbcClient jdbc;

    OpenInvoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<OpenInvoice> list() {
        return jdbc.sql("""
                select a.id, a.order_number, i.invoice_number,
                       i.total_amount - coalesce((select sum(p.amount) from payment p where p.application_id = a.id), 0),
                       a.family_name_kana, a.first_name_kana
                from invoice i join application a on a.id = i.application_id
                where i.paid_on is null and a.status = :status
                order by a.id
                """)
                .param("status", ApplicationStatus.AWAITING_PAYMENT.name())
                .query((rs, n) -> new OpenInvoice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }
}
