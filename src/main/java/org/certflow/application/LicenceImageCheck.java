package org.certflow.application;

import java.awt.image.DataBuffer;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import org.springframework.stereotype.Component;

/**
 * Checks a licence image by its content, never by its name: jpeg or png magic bytes, at most 4 MB,
 * bounded pixel dimensions and decoded size (read from the header before anything is decoded), and a full
 * decode. A few kilobytes of compressed PNG can stand for gigabytes of pixels, so the header decides whether
 * the pixels are ever allocated, and only a few decodes run at once on a node.
 * What passes is stored without its metadata (EXIF, GPS, XMP, comments).
 */
@Component
public class LicenceImageCheck {

    public static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_SIDE_PIXELS = 10_000;
    /** A 24-megapixel camera's photo; a licence is legible at a tenth of that. */
    static final long MAX_PIXELS = 24_000_000L;
    /** The pixels of one decoded image: 24 megapixels at 8-bit RGBA, or 16 megapixels at 16-bit RGB. */
    static final long MAX_DECODED_BYTES = 96L * 1024 * 1024;
    /**
     * Scans of one JPEG. The decoder walks the whole image once per scan, and a scan header is ten bytes: a 10 KB
     * progressive JPEG of a thousand empty scans costs half a minute of a core, a 4 MB one hours, and a decode cannot
     * be stopped. Cameras and scanners write one scan, progressive encoders ten or twenty.
     */
    static final int MAX_JPEG_SCANS = 50;

    private final Semaphore decodes;
    private final Duration decodeWait;

    public LicenceImageCheck(LicenceImageProperties properties) {
        this.decodes = new Semaphore(properties.concurrentDecodes(), true);
        this.decodeWait = properties.decodeWait();
    }

    /** Why an upload was refused; each carries the key of a message the applicant reads. */
    public enum Refusal {
        MISSING("licenceImage.missing"),
        TOO_LARGE("licenceImage.tooLarge"),
        NOT_JPEG_OR_PNG("licenceImage.notJpegOrPng"),
        DIMENSIONS_TOO_LARGE("licenceImage.dimensionsTooLarge"),
        DECODED_TOO_LARGE("licenceImage.decodedTooLarge"),
        TOO_MANY_SCANS("licenceImage.tooManyScans"),
        BUSY("licenceImage.busy"),
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
        if (format.equals("jpeg") && startOfScanMarkers(content) > MAX_JPEG_SCANS) {
            throw new RefusedImageException(Refusal.TOO_MANY_SCANS);
        }
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
                if (decodedBytes(reader, width, height) > MAX_DECODED_BYTES) {
                    throw new RefusedImageException(Refusal.DECODED_TOO_LARGE);
                }
                if (!decode(reader)) {
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

    /**
     * The heap the decoded image will take, from the colour type and bit depth in the header (PNG IHDR,
     * JPEG SOF): a 16-bit RGBA PNG costs eight bytes a pixel, a grey one-bit PNG one eighth.
     */
    private static long decodedBytes(ImageReader reader, int width, int height) throws IOException,
            RefusedImageException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            if (!types.hasNext()) {
                throw new RefusedImageException(Refusal.UNREADABLE);
            }
            type = types.next();
        }
        SampleModel samples = type.getSampleModel();
        int bitsPerPixel;
        if (samples instanceof MultiPixelPackedSampleModel packed) {
            bitsPerPixel = packed.getPixelBitStride();
        } else if (samples instanceof SinglePixelPackedSampleModel) {
            bitsPerPixel = DataBuffer.getDataTypeSize(samples.getDataType());
        } else {
            bitsPerPixel = samples.getNumBands() * DataBuffer.getDataTypeSize(samples.getDataType());
        }
        return (long) width * height * bitsPerPixel / 8;
    }

    private boolean decode(ImageReader reader) throws IOException, RefusedImageException {
        try {
            if (!decodes.tryAcquire(decodeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RefusedImageException(Refusal.BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedImageException(Refusal.BUSY);
        }
        try {
            return reader.read(0) != null;
        } finally {
            decodes.release();
        }
    }

    /**
     * An upper bound of the JPEG's scans, counted before the decoder sees it: every scan starts with the bytes FF DA
     * (after any number of FF fill bytes), and compressed data never holds them (an FF there is followed by 00 or a
     * restart marker). Only a segment's payload (an EXIF thumbnail) can add a few.
     */
    static int startOfScanMarkers(byte[] jpeg) {
        int markers = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xDA) {
                markers++;
            }
        }
        return markers;
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
