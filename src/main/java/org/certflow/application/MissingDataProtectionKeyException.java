package org.certflow.application;

import java.util.Map;

/** Stored images need a data protection key that the settings no longer hold: certflow refuses to start. */
public class MissingDataProtectionKeyException extends IllegalStateException {

    private final transient Map<String, Long> imagesByMissingKey;

    MissingDataProtectionKeyException(Map<String, Long> imagesByMissingKey) {
        super("licence images are encrypted with data protection keys that certflow.data-protection.keys does not "
                + "hold: " + imagesByMissingKey);
        this.imagesByMissingKey = Map.copyOf(imagesByMissingKey);
    }

    /** Key id to the number of images that need it. */
    public Map<String, Long> imagesByMissingKey() {
        return imagesByMissingKey;
    }
}
