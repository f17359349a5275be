package org.certflow.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.transform.Result;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;

import org.apache.fop.apps.EnvironmentalProfileFactory;
import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;
import org.apache.fop.events.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Renders the service's PDF documents: a small XML document holding the data is transformed by an XSL-FO
 * template from {@code classpath:/fop/<templateName>.xsl} and laid out by Apache FOP on A4.
 *
 * <p>One {@link FopFactory} serves the whole application; it is built once here. Documents are laid out
 * concurrently; only the creation of each document's renderer is serialized, because FOP reads its
 * configuration from a DOM then, and a DOM is not safe for concurrent reads. The Japanese font (BIZ UDPGothic) is registered explicitly by {@code fop/fop.xconf} and embedded in
 * every document. A character the font cannot show would silently print as {@code #}; this renderer refuses
 * to produce such a document and throws {@link PdfRenderingException} instead.
 */
@Component
public class PdfRenderer {

    private static final Logger log = LoggerFactory.getLogger(PdfRenderer.class);

    private static final String CONFIG = "fop/fop.xconf";
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String GLYPH_NOT_AVAILABLE = "org.apache.fop.fonts.FontEventProducer.glyphNotAvailable";
    private static final String FONT_SUBSTITUTED = "org.apache.fop.fonts.FontEventProducer.fontSubstituted";

    private final ClassLoader classLoader;
    private final FopFactory fopFactory;
    private final TransformerFactory transformerFactory;
    private final Map<String, Templates> templates = new ConcurrentHashMap<>();
    private final Object rendererSetup = new Object();

    public PdfRenderer() {
        this.classLoader = PdfRenderer.class.getClassLoader();
        this.fopFactory = createFopFactory(classLoader);
        this.transformerFactory = createTransformerFactory();
    }

    /**
     * Renders one document.
     *
     * @param templateName name of the template under {@code fop/}, without {@code .xsl}
     * @param data         the document's data; text in it is plain text and is never interpreted as markup
     * @param title        the PDF title (document information)
     * @param author       the PDF author, the service's name
     * @return the PDF
     */
    public byte[] render(String templateName, Document data, String title, String author) {
        Objects.requireNonNull(data, "data");
        Templates template = template(templateName);
        FOUserAgent userAgent = fopFactory.newFOUserAgent();
        userAgent.setTitle(title);
        userAgent.setAuthor(author);
        userAgent.setCreator(author);
        userAgent.setAccessibility(false);
        Set<String> problems = new TreeSet<>();
        userAgent.getEventBroadcaster().addEventListener(event -> collectProblem(event, problems));

        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            Fop fop;
            synchronized (rendererSetup) {
                fop = fopFactory.newFop(MimeConstants.MIME_PDF, userAgent, out);
            }
            Transformer transformer = template.newTransformer();
            Result result = new SAXResult(fop.getDefaultHandler());
            transformer.transform(new DOMSource(data), result);
        } catch (TransformerException | SAXException e) {
            throw new PdfRenderingException("Could not render document " + templateName, e);
        }
        if (!problems.isEmpty()) {
            throw new PdfRenderingException("Document " + templateName + " cannot be printed correctly: " + problems);
        }
        return out.toByteArray();
    }

    private static void collectProblem(Event event, Set<String> problems) {
        String id = event.getEventID();
        if (GLYPH_NOT_AVAILABLE.equals(id)) {
            Object ch = event.getParam("ch");
            String codePoint = ch instanceof Character c ? String.format("U+%04X", (int) c) : String.valueOf(ch);
            problems.add("character " + codePoint + " is not in font " + event.getParam("fontName"));
        } else if (FONT_SUBSTITUTED.equals(id)) {
            problems.add("font " + event.getParam("requested") + " is not registered");
        }
    }

    private Templates template(String templateName) {
        if (templateName == null || !TEMPLATE_NAME.matcher(templateName).matches()) {
            throw new IllegalArgumentException("Invalid template name: " + templateName);
        }
        return templates.computeIfAbsent(templateName, this::compile);
    }

    private Templates compile(String templateName) {
        String path = "fop/" + templateName + ".xsl";
        URL url = classLoader.getResource(path);
        if (url == null) {
            throw new IllegalArgumentException("No such document template: " + path);
        }
        try (InputStream in = url.openStream()) {
            StreamSource source = new StreamSource(in, url.toExternalForm());
            return transformerFactory.newTemplates(source);
        } catch (IOException | TransformerConfigurationException e) {
            throw new PdfRenderingException("Could not load document template " + path, e);
        }
    }

    private static FopFactory createFopFactory(ClassLoader classLoader) {
        long started = System.nanoTime();
        try (InputStream config = classLoader.getResourceAsStream(CONFIG)) {
            if (config == null) {
                throw new IllegalStateException("Missing " + CONFIG + " on the classpath");
            }
            // Restricted IO: no font cache file, no scanning of system fonts; everything comes from the classpath.
            FopConfParser parser = new FopConfParser(config, EnvironmentalProfileFactory.createRestrictedIO(
                    URI.create(ClasspathResourceResolver.SCHEME + ":/fop/"),
                    new ClasspathResourceResolver(classLoader)));
            FopFactory factory = parser.getFopFactoryBuilder().build();
            log.debug("FOP factory ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            return factory;
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("Could not configure FOP from " + CONFIG, e);
        }
    }

    private static TransformerFactory createTransformerFactory() {
        TransformerFactory factory = TransformerFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (TransformerConfigurationException e) {
            log.warn("XSLT processor {} does not support secure processing", factory.getClass().getName());
        }
        // Templates come from the classpath and may not pull anything else in.
        trySetAttribute(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySetAttribute(factory, XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return factory;
    }

    private static void trySetAttribute(TransformerFactory factory, String name, Object value) {
        try {
            factory.setAttribute(name, value);
        } catch (IllegalArgumentException e) {
            log.debug("XSLT processor does not support attribute {}", name);
        }
    }
}
