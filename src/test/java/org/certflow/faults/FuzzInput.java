package org.certflow.faults;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.certflow.support.ManyScanJpeg;
import org.certflow.support.OneColourPng;

/** Values and files a hostile or careless client sends, drawn from a seeded {@link Random}. */
final class FuzzInput {

    /** Details the main application form accepts (the date of birth written the way a Japanese form might get it). */
    static final Map<String, String> GOOD_DETAILS = Map.ofEntries(Map.entry("familyName", "山田"),
            Map.entry("firstName", "太郎"), Map.entry("familyNameKana", "やまだ"), Map.entry("firstNameKana", "タロウ"),
            Map.entry("familyNameRomaji", "yamada"), Map.entry("firstNameRomaji", "taro"),
            Map.entry("dateOfBirth", "１９８０年４月１日"), Map.entry("officeName", "山田建築設計事務所"),
            Map.entry("phone", "0263-32-5355"), Map.entry("postalCode", "390-0811"),
            Map.entry("address", "長野県松本市中央1-23-1"), Map.entry("registrationNumber", "123456"),
            Map.entry("validityYears", "1"), Map.entry("chamberMember", "false"));

    private static final List<String> ODD_TEXT = List.of(
            "", " ", "\u3000", "\u0000", "a\u0000b", "e\u0301\u0301\u0301\u0301\u0301\u0301", "\u202Eevil\u202C",
            "\u200F\u200E\u200B", "\uFEFF", "\uD800", "\uDFFF\uD800", "😀👨‍👩‍👧‍👦", "１２３４５６", "０２６３-３２-５３５５",
            "<script>alert(1)</script>", "' or '1'='1", "${7*7}", "#{7*7}", "[[${7*7}]]", "%00", "%", "%ZZ",
            "../../etc/passwd", "\r\nSet-Cookie: x=y", "ｙａｍａｄａ", "ﾔﾏﾀﾞ", "やまだ", "ヤマダ", "山田", "𠮷野",
            "Ａ", "ß", "İ", "ǅ", "ﬁ", "Ⅻ", "㍻", "１９８０年４月１日", "令和99年99月99日", "1980-02-30", "0000-01-01",
            "9999-12-31", "+1000000000-01-01", "-1", "0", "99999999999999999999", "2147483648", "NaN", "true",
            "maybe", "null", "FIRST_CLASS_ARCHITECT", "first_class_architect", "PBJ00000001", "ＰＢＪ００００００００１");

    // made once: a bomb takes a while to compress, and the large files only need to be large
    private static final byte[] WIDE_PNG = OneColourPng.of(2_000_000, 4, 8, OneColourPng.RGB);
    private static final byte[] HUGE_HEADER_PNG = hugeHeader(OneColourPng.of(100, 100, 8, OneColourPng.RGB));
    private static final byte[] PNG_BOMB = OneColourPng.of(6_000, 4_000, 16, OneColourPng.RGBA);
    private static final byte[] MANY_SCAN_JPEG = ManyScanJpeg.of(3_000, 2_000, 200);
    private static final byte[] JUST_OVER_LIMIT = new Random(1).ints(4 * 1024 * 1024 + 1, 0, 256)
            .collect(ByteArrayOutputStream::new, ByteArrayOutputStream::write, (a, b) -> a.writeBytes(b.toByteArray()))
            .toByteArray();
    private static final byte[] OVER_REQUEST_LIMIT = new byte[12 * 1024 * 1024];

    private final Random random;

    FuzzInput(Random random) {
        this.random = random;
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    /** An odd string: one from the list, several glued together, a long repetition, or random code points. */
    String oddText() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> oneOf(ODD_TEXT);
            case 2 -> oneOf(ODD_TEXT) + oneOf(ODD_TEXT) + oneOf(ODD_TEXT);
            case 3 -> oneOf(ODD_TEXT).repeat(1 + random.nextInt(chance(10) ? 20_000 : 300));
            case 4 -> randomCodePoints(1 + random.nextInt(chance(10) ? 5_000 : 60));
            default -> "x".repeat(random.nextInt(chance(20) ? 200_000 : 500));
        };
    }

    /** Bytes that are not UTF-8: lone continuation bytes, overlong forms, encoded surrogates, 0xFF. */
    byte[] invalidUtf8() {
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xE3, (byte) 0x81}, {0x00}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("山".getBytes(StandardCharsets.UTF_8));
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            out.writeBytes(broken[random.nextInt(broken.length)]);
            out.writeBytes("a".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Percent-encoding that no decoder accepts, or that decodes to bytes that are not UTF-8. */
    String brokenPercent() {
        return oneOf(List.of("%", "%Z", "%ZZ", "%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "%00", "%%", "%u3042",
                "%E3%81", "%2", "a%2Fb%5C..%2F"));
    }

    String randomCodePoints(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int codePoint = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x300 + random.nextInt(0x70);
                case 2 -> 0x3000 + random.nextInt(0x1000);
                case 3 -> 0xFF00 + random.nextInt(0xF0);
                default -> 0x1F300 + random.nextInt(0x300);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A licence image upload: fine, broken, lying about itself, a bomb, empty or too large. */
    byte[] image() {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> goodPng();
            case 3 -> goodJpeg();
            case 4 -> Arrays.copyOf(goodPng(), 30 + random.nextInt(200));
            case 5 -> Arrays.copyOf(goodJpeg(), 10 + random.nextInt(300));
            case 6 -> {
                byte[] png = goodPng();
                png[random.nextInt(8)] ^= (byte) (1 + random.nextInt(255));
                yield png;
            }
            case 7 -> oneOf(List.of(WIDE_PNG, HUGE_HEADER_PNG, PNG_BOMB));
            case 8 -> MANY_SCAN_JPEG;
            case 9 -> new byte[0];
            case 10 -> chance(80) ? JUST_OVER_LIMIT : OVER_REQUEST_LIMIT;
            default -> {
                byte[] png = goodPng();
                for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
                    png[8 + random.nextInt(png.length - 8)] = (byte) random.nextInt(256);
                }
                yield png;
            }
        };
    }

    String imageContentType() {
        return oneOf(List.of("image/png", "image/jpeg", "image/gif", "application/octet-stream", "text/html",
                "image/png; charset=\u00ff", "", "image/svg+xml"));
    }

    String fileName() {
        return oneOf(List.of("licence.png", "licence.jpg", "", "../../../etc/passwd", "免許証.png", "a\u202Egnp.exe",
                "x".repeat(5_000), "a\"b.png", "nul\u0000.png"));
    }

    byte[] goodPng() {
        return encode(new BufferedImage(160 + random.nextInt(200), 100 + random.nextInt(120),
                BufferedImage.TYPE_INT_RGB), "png");
    }

    byte[] goodJpeg() {
        return encode(new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** Claims 60,000 × 40,000 pixels in the header (whose checksum then no longer fits) over 100 × 100 of data. */
    private static byte[] hugeHeader(byte[] png) {
        byte[] patched = png.clone();
        java.nio.ByteBuffer.wrap(patched, 16, 8).putInt(60_000).putInt(40_000);
        return patched;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
