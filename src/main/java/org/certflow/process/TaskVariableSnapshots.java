package org.certflow.process;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user task's process variables as they were when it was created: per name a hash of the type and value,
 * so that the row says what changed without holding the data. Kept in certflow's table, where no engine API
 * (and so no task candidate) can write.
 */
final class TaskVariableSnapshots {

    private final JdbcClient jdbc;

    TaskVariableSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void take(String taskId, VariableMap variables, Instant now) {
        jdbc.sql("insert into task_variable_snapshot (task_id, variables, taken_at) values (:taskId, :variables, :now)")
                .param("taskId", taskId)
                .param("variables", encode(fingerprints(variables)))
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
    }

    Optional<Map<String, String>> find(String taskId) {
        return jdbc.sql("select variables from task_variable_snapshot where task_id = :taskId")
                .param("taskId", taskId).query(String.class).optional().map(TaskVariableSnapshots::decode);
    }

    boolean exists(String taskId) {
        return jdbc.sql("select count(*) from task_variable_snapshot where task_id = :taskId")
                .param("taskId", taskId).query(Long.class).single() > 0;
    }

    void forget(String taskId) {
        jdbc.sql("delete from task_variable_snapshot where task_id = :taskId").param("taskId", taskId).update();
    }

    static Map<String, String> fingerprints(VariableMap variables) {
        Map<String, String> fingerprints = new TreeMap<>();
        for (String name : variables.keySet()) {
            fingerprints.put(name, fingerprint(variables.getValueTyped(name)));
        }
        return fingerprints;
    }

    private static String fingerprint(TypedValue typed) {
        Object value = typed instanceof SerializableValue serializable && !serializable.isDeserialized()
                ? serializable.getValueSerialized() : typed.getValue();
        String canonical = value instanceof Date date ? Long.toString(date.getTime())
                : value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes)
                : String.valueOf(value);
        String type = typed.getType() == null ? "" : typed.getType().getName();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((type + ":" + canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // names are encoded: a variable's name is chosen by whoever sets it and may hold any character
    private static String encode(Map<String, String> fingerprints) {
        return fingerprints.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + " " + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, String> decode(String text) {
        Map<String, String> fingerprints = new TreeMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                fingerprints.put(URLDecoder.decode(line.substring(0, space), StandardCharsets.UTF_8),
                        line.substring(space + 1));
            }
        }
        return fingerprints;
    }
}
