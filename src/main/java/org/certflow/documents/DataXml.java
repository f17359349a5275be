package org.certflow.documents;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the small data document that a template transforms. Values become DOM text nodes, so user text such
 * as {@code <b>&"'} stays text: nothing is ever concatenated into markup.
 */
final class DataXml {

    private static final DocumentBuilderFactory FACTORY = createFactory();

    private final Document document;
    private final Element element;

    private DataXml(Document document, Element element) {
        this.document = document;
        this.element = element;
    }

    static DataXml root(String name) {
        try {
            Document document = FACTORY.newDocumentBuilder().newDocument();
            Element root = document.createElement(name);
            document.appendChild(root);
            return new DataXml(document, root);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No XML document builder", e);
        }
    }

    /** Adds a child element holding {@code value} as text; a {@code null} value adds nothing. */
    DataXml text(String name, String value) {
        if (value != null) {
            Element child = document.createElement(name);
            child.appendChild(document.createTextNode(stripInvalidXmlChars(value)));
            element.appendChild(child);
        }
        return this;
    }

    /** Adds an empty child element and returns a builder for it. */
    DataXml child(String name) {
        Element child = document.createElement(name);
        element.appendChild(child);
        return new DataXml(document, child);
    }

    Document document() {
        return document;
    }

    /** Control characters other than tab and line feed have no place in a printed document. */
    private static String stripInvalidXmlChars(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints()
                .map(cp -> cp == '\r' ? -1 : cp)
                .filter(cp -> cp == '\t' || cp == '\n' || (cp >= 0x20 && cp != 0x7F && !(cp >= 0xFFFE && cp <= 0xFFFF)
                        && !(cp >= 0xD800 && cp <= 0xDFFF)))
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static DocumentBuilderFactory createFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            // building documents only, never parsing: nothing to protect
        }
        return factory;
    }
}
