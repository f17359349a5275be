package org.certflow.retention;

/** A deletion that the law's retention period does not allow yet; the message says which record and until when. */
public class RetentionRefusal extends RuntimeException {

    public RetentionRefusal(String message) {
        super(message);
    }
}
