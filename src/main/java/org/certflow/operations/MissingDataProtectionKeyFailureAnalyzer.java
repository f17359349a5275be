package org.certflow.operations;

import java.util.stream.Collectors;

import org.certflow.application.MissingDataProtectionKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A key was taken out of the settings while licence images still need it: the start stops naming the key ids and
 * how many images each holds, never a key.
 */
class MissingDataProtectionKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingDataProtectionKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingDataProtectionKeyException cause) {
        String needed = cause.imagesByMissingKey().entrySet().stream()
                .map(entry -> "'" + entry.getKey() + "' (" + entry.getValue() + " licence images)")
                .collect(Collectors.joining(", "));
        return new FailureAnalysis(
                "certflow cannot start: licence images are encrypted with the data protection keys " + needed
                        + ", which the setting certflow.data-protection.keys (CERTFLOW_DATA_PROTECTION_KEYS) does not "
                        + "hold.",
                "Put those keys back into CERTFLOW_DATA_PROTECTION_KEYS beside the current one, and remove them only "
                        + "once the metric certflow_licence_images shows no image under them (the re-encryption job "
                        + "moves every image to certflow.data-protection.current-key; see README.md, Production).",
                cause);
    }
}
