package org.certflow.operations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start that stops on an unset setting (in production, secrets come from environment variables) says which
 * one, instead of a stack trace.
 */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<IllegalArgumentException> {

    private static final Pattern PLACEHOLDER = Pattern.compile("Could not resolve placeholder '([^']+)'");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalArgumentException cause) {
        Matcher matcher = PLACEHOLDER.matcher(String.valueOf(cause.getMessage()));
        if (!matcher.find()) {
            return null;
        }
        String name = matcher.group(1);
        return new FailureAnalysis(
                "certflow cannot start: the setting " + name + " is not set.",
                "Set the environment variable " + name + " (see the Production section of README.md); "
                        + "the production profile takes every secret from the environment and has no default for it.",
                cause);
    }
}
