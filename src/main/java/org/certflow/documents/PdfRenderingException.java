package org.certflow.documents;

/** A document could not be rendered; never carries the document's personal data in its message. */
public class PdfRenderingException extends RuntimeException {

    public PdfRenderingException(String message) {
        super(message);
    }

    public PdfRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}
