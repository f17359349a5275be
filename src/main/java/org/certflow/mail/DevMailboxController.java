package org.certflow.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dev mailbox: every mail the embedded SMTP server received, with its links and attachments, and the raw
 * message for {@code openssl smime -verify}. Exists only in the default run (no {@code spring.mail.host}); it
 * shows one-time links of every applicant, so it must never be reachable on a production system.
 */
@Controller
@Conditional(NoSmtpHostCondition.class)
@RequestMapping("/dev/mailbox")
public class DevMailboxController {

    private final GreenMail smtpServer;

    public DevMailboxController(GreenMail smtpServer) {
        this.smtpServer = smtpServer;
    }

    @GetMapping
    public String list(Model model) throws MessagingException {
        List<MimeMessage> messages = received();
        List<ReceivedMail> mails = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            mails.add(ReceivedMail.summary(i, messages.get(i)));
        }
        model.addAttribute("mails", mails);
        return "dev/mailbox";
    }

    @GetMapping("/{index}")
    public String show(@PathVariable int index, Model model) throws MessagingException, IOException {
        model.addAttribute("mail", ReceivedMail.details(index, message(index)));
        return "dev/mail";
    }

    @GetMapping("/{index}/attachments/{number}")
    public ResponseEntity<byte[]> attachment(@PathVariable int index, @PathVariable int number)
            throws MessagingException, IOException {
        List<Part> parts = ReceivedMail.attachmentParts(message(index));
        if (number < 0 || number >= parts.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Part part = parts.get(number);
        MediaType type;
        try {
            type = MediaType.parseMediaType(ReceivedMail.baseType(part));
        } catch (IllegalArgumentException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return download(ReceivedMail.content(part), type, ReceivedMail.fileName(part));
    }

    @GetMapping("/{index}/raw")
    public ResponseEntity<byte[]> raw(@PathVariable int index) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message(index).writeTo(out);
        return download(out.toByteArray(), new MediaType("message", "rfc822"), "mail-" + index + ".eml");
    }

    private static ResponseEntity<byte[]> download(byte[] content, MediaType type, String fileName) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }

    /** Oldest first, so that an index keeps pointing at the same mail while new ones arrive. */
    private List<MimeMessage> received() {
        return Arrays.stream(smtpServer.getReceivedMessages())
                .sorted(Comparator.comparing(DevMailboxController::receivedDate))
                .toList();
    }

    private MimeMessage message(int index) {
        List<MimeMessage> messages = received();
        if (index < 0 || index >= messages.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return messages.get(index);
    }

    private static Date receivedDate(MimeMessage message) {
        try {
            Date date = message.getReceivedDate();
            return date == null ? new Date(0) : date;
        } catch (MessagingException e) {
            return new Date(0);
        }
    }
}
