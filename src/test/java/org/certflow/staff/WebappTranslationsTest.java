package org.certflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * certflow's Japanese labels for the Camunda webapps fit the webapps' own English ones: only known keys, the
 * same placeholders ({{ name }}) in each, and the moment.js date settings the webapps expect.
 */
class WebappTranslationsTest {

    static final String BASE = "META-INF/resources/webjars/camunda/app/";
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
    void japaneseLabelsMatchTheEnglishOnes(String app) throws IOException {
        JsonNode english = read(BASE + app + "/locales/en.json").get("labels");
        JsonNode japanese = read(BASE + app + "/locales/ja.json");
        assertThat(japanese.get("dateLocales").get("months").get(0).asText()).isEqualTo("1月");
        JsonNode labels = japanese.get("labels");
        assertThat(labels.size()).isPositive();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            assertThat(english.has(label.getKey())).as("%s: key %s exists in English", app, label.getKey()).isTrue();
            assertThat(placeholders(label.getValue().asText()))
                    .as("%s: placeholders of %s", app, label.getKey())
                    .isEqualTo(placeholders(english.get(label.getKey()).asText()));
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static JsonNode read(String path) throws IOException {
        try (InputStream in = WebappTranslationsTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Camunda's own files start with a byte-order mark
            return new ObjectMapper().readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        }
    }
}
