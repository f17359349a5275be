package org.certflow.process;

import java.util.List;

import org.certflow.support.ReceivedMails;

import com.icegreen.greenmail.util.GreenMail;

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
        return ReceivedMails.to(greenMail, recipient).stream()
                .map(message -> new Mail(ReceivedMails.subject(message), ReceivedMails.text(message)))
                .toList();
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
}
