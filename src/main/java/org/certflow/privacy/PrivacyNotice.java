package org.certflow.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.certflow.service.ServiceProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The privacy notice as the portal shows it: read once at start from {@code certflow.privacy.notice}, the contact
 * and service names filled in, split into a title and sections of paragraphs and lists. A notice that cannot be
 * read stops the start, naming the setting. The text stays text: pages print it escaped.
 */
@Component
public class PrivacyNotice {

    /** A heading and what follows it; a block is a paragraph (one string) or a list (several items). */
    public record Section(String heading, List<Block> blocks) {
    }

    public record Block(List<String> lines, boolean list) {
    }

    private final String version;
    private final String title;
    private final List<Section> sections;

    public PrivacyNotice(PrivacyProperties settings, ServiceProperties service, ResourceLoader resources) {
        this.version = settings.noticeVersion();
        String text = fill(read(resources.getResource(settings.notice()), settings.notice()), service);
        String foundTitle = "個人情報の取扱いについて";
        List<Section> found = new ArrayList<>();
        String heading = null;
        List<Block> blocks = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean list = false;
        for (String raw : text.replace("\r\n", "\n").split("\n", -1)) {
            String line = raw.strip();
            boolean item = line.startsWith("- ");
            if (line.isEmpty() || line.startsWith("#") || item != list) {
                flush(blocks, lines, list);
                lines = new ArrayList<>();
            }
            if (line.startsWith("## ")) {
                if (heading != null || !blocks.isEmpty()) {
                    found.add(new Section(heading, blocks));
                }
                heading = line.substring(3).strip();
                blocks = new ArrayList<>();
            } else if (line.startsWith("# ")) {
                foundTitle = line.substring(2).strip();
            } else if (!line.isEmpty()) {
                lines.add(item ? line.substring(2).strip() : line);
            }
            list = item;
        }
        flush(blocks, lines, list);
        if (heading != null || !blocks.isEmpty()) {
            found.add(new Section(heading, blocks));
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("certflow.privacy.notice " + settings.notice() + " holds no text");
        }
        this.title = foundTitle;
        this.sections = List.copyOf(found);
    }

    /** The version applicants consent to ({@code certflow.privacy.notice-version}). */
    public String version() {
        return version;
    }

    public String title() {
        return title;
    }

    public List<Section> sections() {
        return sections;
    }

    private static void flush(List<Block> blocks, List<String> lines, boolean list) {
        if (!lines.isEmpty()) {
            blocks.add(new Block(List.copyOf(lines), list));
        }
    }

    private static String read(Resource resource, String location) {
        if (!resource.exists()) {
            throw new IllegalStateException("certflow.privacy.notice: " + location + " does not exist");
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("certflow.privacy.notice: " + location + " cannot be read", e);
        }
    }

    private static String fill(String text, ServiceProperties service) {
        ServiceProperties.Contact contact = service.contact();
        String filled = text;
        for (Map.Entry<String, String> value : Map.of("{office}", contact.office(), "{phone}", contact.phone(),
                "{mail}", contact.mail(), "{hours}", contact.hours(), "{issuer}", service.issuerName(),
                "{service}", service.serviceName()).entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }
}
