package org.certflow.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * What one recipient found in the SMTP server that the application sends through. The server and the
 * database are shared by every test of the context, so mails are always read per recipient.
 */
final class Mailbox {

    record Mail(String subject, String body) {
    }

    private final GreenMail greenMail;
    private final String recipient;

    Mailbox(GreenMail greenMail, String recipient) {
        this.greenMail = greenMail;
        this.recipient = recipient;
    }

    List<Mail> mails() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                if (isFor(message)) {
                    mails.add(new Mail(message.getSubject(), text(message)));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("Cannot read a received mail", e);
            }
        }
        return mails;
    }

    List<String> subjects() {
        return mails().stream().map(Mail::subject).toList();
    }

    /** The one mail with this subject; fails when there is none or more than one. */
    Mail only(String subject) {
        List<Mail> found = mails().stream().filter(mail -> mail.subject().equals(subject)).toList();
        if (found.size() != 1) {
            throw new AssertionError(recipient + " received " + found.size() + " mails with subject '" + subject
                    + "', expected exactly one; received: " + subjects());
        }
        return found.get(0);
    }

    private boolean isFor(MimeMessage message) throws MessagingException {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        return to != null && Arrays.stream(to)
                .anyMatch(address -> address instanceof InternetAddress internet
                        && recipient.equalsIgnoreCase(internet.getAddress()));
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return "";
    }
}
