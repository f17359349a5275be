package org.certflow.documents;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Whether text typed by an applicant can be printed on certflow's documents: every character must be in the
 * documents' font (both weights) and be a visible one. Checked when the text is entered, because a name the
 * distribution letter or the invoice cannot print would otherwise fail only later, when the document is made.
 */
public final class PrintableText {

    private static final List<Font> FONTS = List.of(load("/fonts/BIZUDPGothic_400Regular.ttf"),
            load("/fonts/BIZUDPGothic_700Bold.ttf"));

    private PrintableText() {
    }

    public static boolean isPrintable(String text) {
        return text.codePoints().allMatch(PrintableText::isPrintable);
    }

    private static boolean isPrintable(int codePoint) {
        if (codePoint == ' ') {
            return true;
        }
        int type = Character.getType(codePoint);
        if (Character.isISOControl(codePoint) || codePoint == 0xFFFD || type == Character.FORMAT
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                || Character.isWhitespace(codePoint)) {
            return false;
        }
        return FONTS.stream().allMatch(font -> font.canDisplay(codePoint));
    }

    private static Font load(String resource) {
        try (InputStream in = PrintableText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("font " + resource + " cannot be read", e);
        }
    }
}
