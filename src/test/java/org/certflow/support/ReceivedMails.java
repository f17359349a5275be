package org.certflow.support;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.util.Store;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** Reads what the test SMTP server received: by recipient, with the text and the S/MIME signer. */
public final class ReceivedMails {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private ReceivedMails() {
    }

    public static List<MimeMessage> to(GreenMail greenMail, String recipient) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> recipients(message).contains(recipient))
                .toList();
    }

    public static List<String> subjectsTo(GreenMail greenMail, String recipient) {
        return to(greenMail, recipient).stream().map(ReceivedMails::subject).toList();
    }

    public static MimeMessage withSubject(GreenMail greenMail, String recipient, String subject) {
        return to(greenMail, recipient).stream().filter(message -> subject.equals(subject(message)))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("No mail to " + recipient + " with subject " + subject
                        + "; received " + subjectsTo(greenMail, recipient)));
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part, wherever the signature and the attachments put it. */
    public static String text(MimeMessage message) {
        try {
            String text = findText(message);
            if (text == null) {
                throw new AssertionError("The mail has no text part");
            }
            return text;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String firstLink(MimeMessage message) {
        Matcher matcher = LINK.matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError("The mail has no link");
        }
        return matcher.group();
    }

    /** The attachment with that file name extension, as bytes. */
    public static byte[] attachment(MimeMessage message, String extension) {
        try {
            byte[] found = findAttachment(message, extension);
            if (found == null) {
                throw new AssertionError("The mail has no " + extension + " attachment");
            }
            return found;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies the S/MIME signature over the signed content and returns the signer's certificate. */
    public static X509Certificate verifiedSigner(MimeMessage message) {
        try {
            SMIMESigned signed = new SMIMESigned((MimeMultipart) message.getContent());
            @SuppressWarnings("unchecked")
            Store<X509CertificateHolder> certificates = signed.getCertificates();
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            X509CertificateHolder holder = (X509CertificateHolder) certificates.getMatches(signer.getSID())
                    .iterator().next();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                throw new AssertionError("The S/MIME signature does not verify");
            }
            return certificate;
        } catch (Exception e) {
            throw new AssertionError("The mail is not validly S/MIME-signed: " + e.getMessage(), e);
        }
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String findText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = findText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static byte[] findAttachment(Part part, String extension) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                byte[] found = findAttachment(child, extension);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        String fileName = part.getFileName() == null ? null : jakarta.mail.internet.MimeUtility.decodeText(part.getFileName());
        if (fileName != null && fileName.endsWith(extension)) {
            return part.getInputStream().readAllBytes();
        }
        return null;
    }
}
