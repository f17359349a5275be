package org.certflow.application;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Removes what a licence image carries besides its pixels (EXIF with GPS position and camera, XMP, IPTC,
 * comments, text chunks) without re-encoding it, so the registration number stays as sharp as uploaded.
 * Called only on images that {@link LicenceImageCheck} has decoded.
 */
final class ImageMetadata {

    /** JPEG segments that hold metadata: APP1 (EXIF, XMP), APP2–APP13 except ICC-free colour data, COM. */
    private static final int APP1 = 0xE1;
    private static final int APP13 = 0xED;
    private static final int COMMENT = 0xFE;
    private static final int START_OF_SCAN = 0xDA;
    private static final Set<String> PNG_METADATA_CHUNKS = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");

    private ImageMetadata() {
    }

    static byte[] strip(String contentType, byte[] image) {
        return "image/png".equals(contentType) ? stripPng(image) : stripJpeg(image);
    }

    private static byte[] stripJpeg(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2);
        int position = 2;
        while (position + 4 <= jpeg.length && (jpeg[position] & 0xff) == 0xFF) {
            int marker = jpeg[position + 1] & 0xff;
            if (marker == START_OF_SCAN) {
                break;
            }
            int length = ((jpeg[position + 2] & 0xff) << 8) | (jpeg[position + 3] & 0xff);
            int end = position + 2 + length;
            if (length < 2 || end > jpeg.length) {
                return jpeg;
            }
            boolean metadata = (marker >= APP1 && marker <= APP13) || marker == COMMENT;
            if (!metadata) {
                out.write(jpeg, position, end - position);
            }
            position = end;
        }
        out.write(jpeg, position, jpeg.length - position);
        return out.toByteArray();
    }

    private static byte[] stripPng(byte[] png) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, 8);
        int position = 8;
        while (position + 12 <= png.length) {
            int length = ByteBuffer.wrap(png, position, 4).getInt();
            int end = position + 12 + length;
            if (length < 0 || end > png.length) {
                return png;
            }
            String type = new String(png, position + 4, 4, StandardCharsets.US_ASCII);
            if (!PNG_METADATA_CHUNKS.contains(type)) {
                out.write(png, position, end - position);
            }
            position = end;
        }
        return out.toByteArray();
    }
}
