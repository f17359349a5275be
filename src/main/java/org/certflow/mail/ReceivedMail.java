package org.certflow.mail;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the dev mailbox shows of one received mail; all text is shown escaped. */
record ReceivedMail(int index, String receivedAt, String from, String to, String subject, boolean signed,
                    List<HeaderLine> headers, String body, List<String> links, List<AttachmentInfo> attachments) {

    record HeaderLine(String name, String value) {
    }

    record AttachmentInfo(int number, String fileName, String mimeType, int size) {
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Tokyo"));
    private static final Pattern LINK = Pattern.compile("https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+");

    static ReceivedMail summary(int index, MimeMessage message) throws MessagingException {
        return new ReceivedMail(index, receivedAt(message), decode(header(message, "From")),
                decode(header(message, "To")), subjectOf(message), isSigned(message), List.of(), "", List.of(),
                List.of());
    }

    static ReceivedMail details(int index, MimeMessage message) throws MessagingException, IOException {
        List<HeaderLine> headers = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            headers.add(new HeaderLine(header.getName(), decode(header.getValue())));
        }
        List<Part> leaves = new ArrayList<>();
        collectLeaves(message, leaves);
        String body = "";
        List<AttachmentInfo> attachments = new ArrayList<>();
        for (Part leaf : leaves) {
            if (isAttachment(leaf)) {
                attachments.add(new AttachmentInfo(attachments.size(), fileName(leaf), baseType(leaf),
                        content(leaf).length));
            } else if (body.isEmpty() && leaf.isMimeType("text/plain")) {
                body = String.valueOf(leaf.getContent());
            }
        }
        return new ReceivedMail(index, receivedAt(message), decode(header(message, "From")),
                decode(header(message, "To")), subjectOf(message), isSigned(message), headers, body, links(body),
                attachments);
    }

    /** The attachments in the order {@link #details} numbers them. */
    static List<Part> attachmentParts(MimeMessage message) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        collectLeaves(message, leaves);
        return leaves.stream().filter(ReceivedMail::isAttachmentUnchecked).toList();
    }

    static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        return name == null ? "attachment" : decode(name);
    }

    static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase();
        } catch (MessagingException e) {
            return "application/octet-stream";
        }
    }

    static byte[] content(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    static List<String> links(String text) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            String link = matcher.group().replaceAll("[.,;:!?)\\]']+$", "");
            if (!links.contains(link)) {
                links.add(link);
            }
        }
        return links;
    }

    /** The signed content of multipart/signed is its first part; the second is the signature itself. */
    private static void collectLeaves(Part part, List<Part> leaves) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            int count = part.isMimeType("multipart/signed") ? Math.min(1, multipart.getCount()) : multipart.getCount();
            for (int i = 0; i < count; i++) {
                collectLeaves(multipart.getBodyPart(i), leaves);
            }
        } else {
            leaves.add(part);
        }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
    }

    private static boolean isAttachmentUnchecked(Part part) {
        try {
            return isAttachment(part);
        } catch (MessagingException e) {
            return false;
        }
    }

    private static boolean isSigned(MimeMessage message) throws MessagingException {
        return message.isMimeType("multipart/signed") || message.isMimeType("application/pkcs7-mime")
                || message.isMimeType("application/x-pkcs7-mime");
    }

    private static String subjectOf(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject == null ? "" : subject;
    }

    private static String receivedAt(MimeMessage message) throws MessagingException {
        Date date = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
        return date == null ? "" : TIME.format(date.toInstant());
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, ", ");
        return value == null ? "" : value;
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }
}
