package org.certflow.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ImageMetadataTest {

    private static final byte[] GPS = "Exif\0\0GPSLatitude 36.2380N GPSLongitude 137.9720E".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void removesExifFromAJpegAndKeepsThePixels() throws Exception {
        byte[] plain = LicenceImageCheckTest.image("jpeg", 120, 80);
        byte[] withExif = insertAfterStartOfImage(plain, segment(0xE1, GPS));
        assertThat(new String(withExif, StandardCharsets.ISO_8859_1)).contains("GPSLatitude");

        LicenceImage checked = new LicenceImageCheck(new LicenceImageProperties(1, Duration.ofSeconds(10))).check(withExif);
        assertThat(new String(checked.content(), StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude");
        assertThat(ImageIO.read(new ByteArrayInputStream(checked.content())).getWidth()).isEqualTo(120);
        assertThat(checked.content()).isEqualTo(plain);
    }

    @Test
    void removesTextAndExifChunksFromAPng() throws Exception {
        byte[] plain = LicenceImageCheckTest.image("png", 64, 64);
        byte[] withText = insertAfterHeader(plain, chunk("tEXt", "Comment\0taken at home".getBytes(StandardCharsets.ISO_8859_1)),
                chunk("eXIf", GPS));
        LicenceImage checked = new LicenceImageCheck(new LicenceImageProperties(1, Duration.ofSeconds(10))).check(withText);
        assertThat(new String(checked.content(), StandardCharsets.ISO_8859_1))
                .doesNotContain("taken at home").doesNotContain("GPSLatitude");
        assertThat(checked.content()).isEqualTo(plain);
        assertThat(ImageIO.read(new ByteArrayInputStream(checked.content())).getHeight()).isEqualTo(64);
    }

    private static byte[] segment(int marker, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).put((byte) 0xFF).put((byte) marker)
                .putShort((short) (payload.length + 2)).put(payload).array();
    }

    private static byte[] insertAfterStartOfImage(byte[] jpeg, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    /** After the signature and IHDR (8 + 25 bytes), where ancillary chunks may stand. */
    private static byte[] insertAfterHeader(byte[] png, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }
}
