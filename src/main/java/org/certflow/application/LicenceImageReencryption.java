package org.certflow.application;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves licence images to the current data protection key: those under an older key, and those stored in plain
 * before images were encrypted. Every node runs a small batch now and then ({@code
 * certflow.data-protection.reencryption-interval}); a row is written only if it still has the key it was read with,
 * so nodes running at once do no harm. An old key may leave the settings once no image needs it (the metric
 * {@code certflow_licence_images{key=…}}); a start whose settings lack a key that images still need is refused.
 */
@Component
public class LicenceImageReencryption {

    private static final Logger log = LoggerFactory.getLogger(LicenceImageReencryption.class);

    private final ApplicationRepository applications;
    private final DataProtectionKeys keys;
    private final int batchSize;
    /** Where the next batch starts: images that cannot be opened are passed over, not tried again at once. */
    private long after;

    LicenceImageReencryption(ApplicationRepository applications, DataProtectionKeys keys,
                             DataProtectionProperties properties) {
        this.applications = applications;
        this.keys = keys;
        this.batchSize = properties.reencryptionBatchSize();
        Map<String, Long> missing = new TreeMap<>();
        applications.licenceImagesByKey().forEach((keyId, count) -> {
            if (keyId != null && !keys.keyIds().contains(keyId)) {
                missing.put(keyId, count);
            }
        });
        if (!missing.isEmpty()) {
            throw new MissingDataProtectionKeyException(missing);
        }
    }

    @Scheduled(initialDelayString = "${certflow.data-protection.reencryption-interval:PT10S}",
            fixedDelayString = "${certflow.data-protection.reencryption-interval:PT10S}")
    void reencryptBatch() {
        int rewritten = nextBatch().rewritten();
        if (rewritten > 0) {
            long remaining = remaining();
            log.info("Re-encrypted {} licence images with data protection key '{}'; {} remain under older keys or in "
                    + "plain", rewritten, keys.currentKeyId(), remaining);
        }
    }

    /**
     * Re-encrypts every image not yet under the current key, batch by batch, and returns how many this node
     * rewrote: what an operator runs to finish a rotation at once, and what tests call.
     */
    public synchronized int reencryptAll() {
        after = 0;
        int total = 0;
        Batch batch;
        do {
            batch = nextBatch();
            total += batch.rewritten();
        } while (batch.found() > 0);
        return total;
    }

    /** Images stored in plain or under a key other than the current one. */
    public long remaining() {
        return applications.licenceImagesByKey().entrySet().stream()
                .filter(entry -> !keys.currentKeyId().equals(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private record Batch(int found, int rewritten) {
    }

    private synchronized Batch nextBatch() {
        List<Long> ids = applications.licenceImagesToReencrypt(after, batchSize);
        if (ids.isEmpty()) {
            after = 0;
            return new Batch(0, 0);
        }
        int rewritten = 0;
        for (long id : ids) {
            try {
                rewritten += applications.reencryptLicenceImage(id) ? 1 : 0;
            } catch (LicenceImageCipher.UnreadableImageException e) {
                log.warn("Cannot re-encrypt: {}", e.getMessage());
            }
            after = id;
        }
        return new Batch(ids.size(), rewritten);
    }
}
