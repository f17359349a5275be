package org.certflow.mail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The model of a mail's template and its attachments, as a feature fills them in. */
public final class MailDraft {

    private static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final Map<String, Object> model;
    private final List<OutgoingMail.Attachment> attachments = new ArrayList<>();
    private final ZoneId zone;

    MailDraft(Map<String, Object> model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
    }

    public MailDraft put(String name, Object value) {
        model.put(name, value);
        return this;
    }

    /** The day in the zone of business dates, as applicants read it: {@code 2026年11月24日}. */
    public MailDraft putDate(String name, Instant instant) {
        return putDate(name, instant.atZone(zone).toLocalDate());
    }

    public MailDraft putDate(String name, LocalDate date) {
        return put(name, date.format(JAPANESE_DATE));
    }

    public MailDraft attach(String fileName, byte[] content, String mimeType) {
        attachments.add(new OutgoingMail.Attachment(fileName, content, mimeType));
        return this;
    }

    Map<String, Object> model() {
        return model;
    }

    List<OutgoingMail.Attachment> attachments() {
        return attachments;
    }
}
