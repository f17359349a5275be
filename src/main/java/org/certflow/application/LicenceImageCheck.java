package org.certflow.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.springframework.stereotype.Component;

/**
 * Checks a licence image by its content, never by its name: jpeg or png magic bytes, at most 4 MB,
 * bounded pixel dimensions (read from the header before anything is decoded), and a full decode.
 * What passes is stored without its metadata (EXIF, GPS, XMP, comments).
 */
@Component
public class LicenceImageCheck {

    public static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_SIDE_PIXELS = 10_000;
    static final long MAX_PIXELS = 40_000_000L;

    /** Why an upload was refused; each carries the key of a message the applicant reads. */
    public enum Refusal {
        MISSING("licenceImage.missing"),
        TOO_LARGE("licenceImage.tooLarge"),
        NOT_JPEG_OR_PNG("licenceImage.notJpegOrPng"),
        DIMENSIONS_TOO_LARGE("licenceImage.dimensionsTooLarge"),
        UNREADABLE("licenceImage.unreadable");

        private final String messageKey;

        Refusal(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    public static final class RefusedImageException extends Exception {
        private final Refusal refusal;

        RefusedImageException(Refusal refusal) {
            super(refusal.name());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    public LicenceImage check(byte[] content) throws RefusedImageException {
        return check(content, content == null ? 0 : content.length);
    }

    /**
     * @param content the upload, or {@code null} when its size alone refuses it (it is then never read)
     * @param size    the size of the upload in bytes
     */
    public LicenceImage check(byte[] content, long size) throws RefusedImageException {
        if (size > MAX_BYTES) {
            throw new RefusedImageException(Refusal.TOO_LARGE);
        }
        if (content == null || content.length == 0) {
            throw new RefusedImageException(Refusal.MISSING);
        }
        String contentType = contentTypeByMagic(content);
        if (contentType == null) {
            throw new RefusedImageException(Refusal.NOT_JPEG_OR_PNG);
        }
        String format = contentType.equals("image/png") ? "png" : "jpeg";
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new RefusedImageException(Refusal.UNREADABLE);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SIDE_PIXELS || height > MAX_SIDE_PIXELS || (long) width * height > MAX_PIXELS) {
                    throw new RefusedImageException(Refusal.DIMENSIONS_TOO_LARGE);
                }
                if (reader.read(0) == null) {
                    throw new RefusedImageException(Refusal.UNREADABLE);
                }
                return new LicenceImage(contentType, ImageMetadata.strip(contentType, content), width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new RefusedImageException(Refusal.UNREADABLE);
        }
    }

    static String contentTypeByMagic(byte[] content) {
        if (content.length >= 8 && (content[0] & 0xff) == 0x89 && content[1] == 'P' && content[2] == 'N'
                && content[3] == 'G' && content[4] == 0x0d && content[5] == 0x0a && content[6] == 0x1a
                && content[7] == 0x0a) {
            return "image/png";
        }
        if (content.length >= 3 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xd8
                && (content[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        return null;
    }
}
