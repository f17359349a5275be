package org.certflow.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * What must hold after any fault, checked on the database and on what the relay received: every mail once per
 * application and kind (a second copy only with the first one's Message-ID, which is what SMTP cannot rule out when
 * the JVM dies between the relay's acceptance and the commit; such copies are counted), every mail certflow logged
 * delivered, every payment recorded once, invoice numbers gapless, and every application waiting where it should
 * with no job left to run and no failed job.
 */
final class FaultInvariants {

    private FaultInvariants() {
    }

    /** What a fault left behind: counted, and the violations in words (none is the verdict). */
    record Verdict(int mails, int duplicates, int payments, int invoices, int failedJobs, List<String> violations) {

        String figures() {
            return "mails=" + mails + " duplicates(same Message-ID)=" + duplicates + " payments=" + payments
                    + " invoices=" + invoices + " failedJobs=" + failedJobs + " violations=" + violations.size();
        }
    }

    /**
     * @param received   every message the relay accepted during the run, across its restarts
     * @param waitingAt  per application id, the activity its process instance must wait at
     */
    static Verdict check(JdbcClient jdbc, Collection<MimeMessage> received, Map<Long, String> waitingAt) {
        List<String> violations = new ArrayList<>();

        Map<String, List<String>> messageIds = new TreeMap<>();
        for (MimeMessage message : received) {
            for (String recipient : recipients(message)) {
                messageIds.computeIfAbsent(recipient + " / " + subject(message), key -> new ArrayList<>())
                        .add(messageId(message));
            }
        }
        int duplicates = 0;
        for (Map.Entry<String, List<String>> mail : messageIds.entrySet()) {
            List<String> ids = mail.getValue();
            if (ids.size() > 1) {
                if (Set.copyOf(ids).size() > 1) {
                    violations.add("sent more than once with different Message-IDs: " + mail.getKey() + " " + ids);
                }
                duplicates += ids.size() - 1;
            }
        }
        jdbc.sql("select recipient, subject from mail_log").query((row, n) -> row.getString(1) + " / " + row.getString(2))
                .list().stream().filter(logged -> !messageIds.containsKey(logged))
                .forEach(lost -> violations.add("logged as sent, never received: " + lost));

        jdbc.sql("select application_id, count(*) from payment group by application_id having count(*) > 1")
                .query((row, n) -> row.getLong(1)).list()
                .forEach(id -> violations.add("payment recorded more than once for application " + id));
        int payments = jdbc.sql("select count(*) from payment").query(Integer.class).single();

        List<String> numbers = jdbc.sql("select invoice_number from invoice").query(String.class).list();
        Map<String, List<Integer>> bySeries = numbers.stream().collect(Collectors.groupingBy(
                number -> number.substring(0, 8), TreeMap::new,
                Collectors.mapping(number -> Integer.parseInt(number.substring(9)), Collectors.toList())));
        bySeries.forEach((series, taken) -> {
            List<Integer> sorted = taken.stream().sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i) != i + 1) {
                    violations.add("invoice numbers of " + series + " not gapless: " + sorted);
                    break;
                }
            }
        });

        int failedJobs = jdbc.sql("select count(*) from act_ru_job where retries_ = 0 or exception_msg_ is not null")
                .query(Integer.class).single();
        if (failedJobs > 0) {
            violations.add(failedJobs + " failed job(s) left");
        }
        Map<Long, String> instances = instances(jdbc);
        waitingAt.forEach((application, activity) -> {
            List<String> at = waitingAt(jdbc, instances.get(application));
            if (!at.contains(activity)) {
                violations.add("application " + application + " not waiting at " + activity + " but at " + at);
            }
        });
        int due = jdbc.sql("select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null"
                + " or duedate_ <= current_timestamp)").query(Integer.class).single();
        if (due > 0) {
            violations.add(due + " job(s) still due");
        }
        return new Verdict(messageIds.size(), duplicates, payments, numbers.size(), failedJobs, violations);
    }

    /** Whether every one of these applications waits at that activity (a user task, a receive task, a timer). */
    static boolean allWaitingAt(JdbcClient jdbc, Collection<Long> applications, String activity) {
        Map<Long, String> instances = instances(jdbc);
        return applications.stream().allMatch(id -> waitingAt(jdbc, instances.get(id)).contains(activity));
    }

    private static List<String> waitingAt(JdbcClient jdbc, String instance) {
        if (instance == null) {
            return List.of();
        }
        List<String> at = new ArrayList<>(jdbc.sql("select act_id_ from act_ru_execution"
                + " where proc_inst_id_ = :instance and is_active_ = true and act_id_ is not null")
                .param("instance", instance).query(String.class).list());
        at.addAll(jdbc.sql("select task_def_key_ from act_ru_task where proc_inst_id_ = :instance")
                .param("instance", instance).query(String.class).list());
        return at;
    }

    /** Per application, its certificate application's process instance (business key: the order number). */
    private static Map<Long, String> instances(JdbcClient jdbc) {
        Map<Long, String> instances = new LinkedHashMap<>();
        jdbc.sql("select a.id, e.proc_inst_id_ from application a join act_ru_execution e"
                + " on e.business_key_ = a.order_number and e.id_ = e.proc_inst_id_"
                + " join act_re_procdef d on d.id_ = e.proc_def_id_ and d.key_ = 'certificate-application'")
                .query((row, n) -> instances.put(row.getLong(1), row.getString(2))).list();
        return instances;
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
