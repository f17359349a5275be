package org.certflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.sun.management.ThreadMXBean;

import org.certflow.application.LicenceImageCheck.Refusal;
import org.certflow.application.LicenceImageCheck.RefusedImageException;
import org.certflow.support.ManyScanJpeg;
import org.certflow.support.OneColourPng;
import org.junit.jupiter.api.Test;

class LicenceImageCheckTest {

    private final LicenceImageCheck check = new LicenceImageCheck(new LicenceImageProperties(2, Duration.ofSeconds(10)));

    @Test
    void acceptsRealJpegAndPng() throws Exception {
        assertThat(check.check(image("png", 320, 200)).contentType()).isEqualTo("image/png");
        LicenceImage jpeg = check.check(image("jpeg", 640, 480));
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.width()).isEqualTo(640);
        assertThat(jpeg.height()).isEqualTo(480);
    }

    @Test
    void refusesAPdfRenamedToJpg() {
        byte[] pdf = "%PDF-1.7\n1 0 obj << >> endobj\n".getBytes(StandardCharsets.US_ASCII);
        assertRefused(pdf, Refusal.NOT_JPEG_OR_PNG);
    }

    @Test
    void refusesAnImageOfFourMegabytesAndOneByteWithoutReadingIt() {
        assertThatThrownBy(() -> check.check(null, LicenceImageCheck.MAX_BYTES + 1L))
                .isInstanceOfSatisfying(RefusedImageException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.TOO_LARGE));
        byte[] oneByteTooMany = new byte[LicenceImageCheck.MAX_BYTES + 1];
        oneByteTooMany[0] = (byte) 0x89;
        assertRefused(oneByteTooMany, Refusal.TOO_LARGE);
    }

    @Test
    void refusesAPngThatClaimsTwentyThousandPixelsSquareBeforeDecodingIt() {
        assertRefused(pngHeaderOnly(20_000, 20_000), Refusal.DIMENSIONS_TOO_LARGE);
    }

    @Test
    void refusesASmallPngWhosePixelsWouldTakeHundredsOfMegabytesWithoutAllocatingThem() throws Exception {
        byte[] bomb = OneColourPng.of(6_000, 4_000, 16, OneColourPng.RGBA);
        assertThat(bomb.length).as("a small upload").isLessThan(LicenceImageCheck.MAX_BYTES);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(threadId);
        long started = System.nanoTime();

        assertRefused(bomb, Refusal.DECODED_TOO_LARGE);

        assertThat(threads.getThreadAllocatedBytes(threadId) - allocatedBefore)
                .as("6000 x 4000 pixels of 16-bit RGBA would be 192 MB").isLessThan(16L * 1024 * 1024);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void refusesAJpegOfAThousandEmptyScansWithoutDecodingIt() {
        byte[] bomb = ManyScanJpeg.of(4_000, 6_000, 1_000);
        assertThat(bomb.length).as("ten kilobytes that decode in half a minute").isLessThan(11 * 1024);
        long started = System.nanoTime();

        assertRefused(bomb, Refusal.TOO_MANY_SCANS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void acceptsAProgressiveJpegAsEncodersWriteIt() throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        image.setRGB(320, 240, 0xff0000);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam progressive = writer.getDefaultWriteParam();
        progressive.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), progressive);
        } finally {
            writer.dispose();
        }
        assertThat(LicenceImageCheck.startOfScanMarkers(out.toByteArray())).as("a progressive JPEG").isGreaterThan(1);

        assertThat(check.check(out.toByteArray()).width()).isEqualTo(640);
    }

    @Test
    void refusesAPngOfTwentyThousandPixelsSquareOfOneColour() throws Exception {
        byte[] bomb = OneColourPng.of(20_000, 20_000, 8, OneColourPng.RGB);
        assertThat(bomb.length).isLessThan(LicenceImageCheck.MAX_BYTES);
        assertRefused(bomb, Refusal.DIMENSIONS_TOO_LARGE);
    }

    @Test
    void decodesAtMostTheConfiguredNumberOfImagesAtOnce() throws Exception {
        LicenceImageCheck oneAtATime = new LicenceImageCheck(new LicenceImageProperties(1, Duration.ofMillis(1)));
        byte[] png = image("png", 4_000, 3_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CyclicBarrier together = new CyclicBarrier(4);
        try {
            List<Future<Refusal>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    together.await();
                    try {
                        oneAtATime.check(png);
                        return null;
                    } catch (RefusedImageException e) {
                        return e.refusal();
                    }
                }));
            }
            List<Refusal> refusals = new ArrayList<>();
            for (Future<Refusal> result : results) {
                refusals.add(result.get());
            }
            assertThat(refusals).as("at least one decoded, the others asked to come back").contains((Refusal) null)
                    .containsOnly(null, Refusal.BUSY).contains(Refusal.BUSY);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesATruncatedPng() throws Exception {
        byte[] png = image("png", 300, 300);
        assertRefused(Arrays.copyOf(png, png.length / 2), Refusal.UNREADABLE);
    }

    @Test
    void refusesAnEmptyUpload() {
        assertRefused(new byte[0], Refusal.MISSING);
    }

    private void assertRefused(byte[] content, Refusal refusal) {
        assertThatThrownBy(() -> check.check(content))
                .isInstanceOfSatisfying(RefusedImageException.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
    }

    static byte[] image(String format, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(width / 2, height / 2, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A PNG signature and IHDR only: enough for a reader to learn the size, nothing to decode. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 4 + 13 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a})
                .putInt(13).put(type).put(ihdr.array()).putInt((int) crc.getValue())
                .array();
    }
}
