package org.certflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads back a rendered PDF the way a reader (and a copy-and-paste) sees it. */
final class PdfAssertions {

    record Fonts(String name, boolean embedded) {
    }

    record Extracted(String text, String title, String author, String language, int pages, List<Fonts> fonts,
                     String xmpMetadata, int outputIntents) {
    }

    private PdfAssertions() {
    }

    static Extracted read(byte[] pdf) {
        assertThat(pdf).isNotEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            List<Fonts> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    fonts.add(new Fonts(font.getName(), font.isEmbedded()));
                }
            }
            PDMetadata metadata = document.getDocumentCatalog().getMetadata();
            String xmp = metadata == null ? "" : new String(metadata.toByteArray(), StandardCharsets.UTF_8);
            return new Extracted(text,
                    document.getDocumentInformation().getTitle(),
                    document.getDocumentInformation().getAuthor(),
                    document.getDocumentCatalog().getLanguage(),
                    document.getNumberOfPages(),
                    fonts,
                    xmp,
                    document.getDocumentCatalog().getOutputIntents().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every font used on every page is the embedded BIZ UDPGothic (a subset prefix like ABCDEF+ is allowed). */
    static void assertOnlyEmbeddedJapaneseFont(Extracted pdf) {
        assertThat(pdf.fonts()).isNotEmpty();
        assertThat(pdf.fonts()).allSatisfy(font -> {
            assertThat(font.embedded()).as("font %s embedded", font.name()).isTrue();
            assertThat(font.name()).as("font name").matches("([A-Z]{6}\\+)?BIZUDPGothic-(Regular|Bold)");
        });
    }

    /**
     * The document declares itself PDF/A-2b (archival) in its XMP metadata, carries the title there too, and has
     * the colour profile (output intent) PDF/A requires.
     */
    static void assertArchival(Extracted pdf) {
        assertThat(pdf.xmpMetadata()).as("PDF/A part").containsPattern("pdfaid:part(>|=\"|='|\\s*>)\\s*2");
        assertThat(pdf.xmpMetadata()).as("PDF/A conformance").containsPattern("pdfaid:conformance(>|=\"|=')\\s*B");
        assertThat(pdf.xmpMetadata()).as("title in XMP").contains(pdf.title());
        assertThat(pdf.outputIntents()).as("output intent (sRGB)").isEqualTo(1);
        assertThat(pdf.language()).isEqualTo("ja");
    }

    /** Text extraction may break lines anywhere; compare without line breaks. */
    static String flat(String text) {
        return text.replace("\r", "").replace("\n", "");
    }
}
