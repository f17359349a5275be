package org.certflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

class MailOutboxTest {

    static final TestSigning signing = new TestSigning(MailSenderTest.FROM);

    int smtpPort;
    GreenMail greenMail;
    JdbcClient jdbc;
    DataSourceTransactionManager transactionManager;
    MailOutbox outbox;
    long applicationId;

    @BeforeEach
    void setUp() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        greenMail = startSmtp();

        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactionManager = new DataSourceTransactionManager(dataSource);

        MailSender sender = MailSenderTest.senderTo(smtpPort, signing);
        outbox = new MailOutbox(jdbc, transactionManager, sender);

        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into application (order_number, status, qualification, email, obligations_version,
                            obligations_accepted_at, created_at, updated_at)
                        values ('PBJ0000001', 'AWAITING_MAIN_APPLICATION', 'FIRST_CLASS_ARCHITECT', 'yamada.taro@example.jp', '2025-01',
                            :now, :now, :now)
                        """)
                .param("now", OffsetDateTime.now())
                .update(keys, "id");
        applicationId = keys.getKeyAs(Long.class);
    }

    @AfterEach
    void tearDown() {
        greenMail.stop();
    }

    GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** Builds the mail the way the process glue will: with a one-time link written in the outbox's transaction. */
    Supplier<OutgoingMail> mailWithOneTimeLink(AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            jdbc.sql("""
                            insert into one_time_link (application_id, token_hash, purpose, created_at, expires_at)
                            values (:applicationId, :hash, 'MAIN_APPLICATION', :now, :now)
                            """)
                    .param("applicationId", applicationId)
                    .param("hash", UUID.randomUUID().toString())
                    .param("now", OffsetDateTime.now())
                    .update();
            return new OutgoingMail("yamada.taro@example.jp", "MCCI電子証明書サービス 建築士免許証画像アップロードURL",
                    "https://certflow.example/apply/abc\n");
        };
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void sendsOnlyOncePerKey() {
        AtomicInteger calls = new AtomicInteger();

        boolean first = outbox.sendOnce("application-1/provisional", applicationId, mailWithOneTimeLink(calls));
        boolean second = outbox.sendOnce("application-1/provisional", applicationId, mailWithOneTimeLink(calls));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(calls).hasValue(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(count("mail_log")).isEqualTo(1);
        assertThat(count("one_time_link")).isEqualTo(1);
        assertThat(jdbc.sql("select subject from mail_log where idempotency_key = 'application-1/provisional'")
                .query(String.class).single())
                .isEqualTo("MCCI電子証明書サービス 建築士免許証画像アップロードURL");
    }

    @Test
    void failedSendingLeavesNothingAndALaterCallSends() {
        AtomicInteger calls = new AtomicInteger();
        greenMail.stop();

        assertThatThrownBy(() -> outbox.sendOnce("application-1/provisional", applicationId,
                mailWithOneTimeLink(calls)))
                .isInstanceOf(MailDeliveryException.class);
        assertThat(count("mail_log")).isZero();
        assertThat(count("one_time_link")).as("the supplier's rows roll back too").isZero();

        greenMail = startSmtp();
        assertThat(outbox.sendOnce("application-1/provisional", applicationId, mailWithOneTimeLink(calls))).isTrue();

        assertThat(calls).hasValue(2);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(count("mail_log")).isEqualTo(1);
        assertThat(count("one_time_link")).isEqualTo(1);
    }

    @Test
    void sentMailStaysLoggedWhenTheCallersTransactionRollsBack() {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            outbox.sendOnce("application-1/review-done", null, mailWithOneTimeLink(new AtomicInteger()));
            status.setRollbackOnly();
        });

        assertThat(count("mail_log")).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }
}
