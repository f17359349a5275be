package org.certflow.certificate;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The password printed on the distribution letter: 16 characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L), 80 bits, printed in groups of four. Hyphens, spaces and case do not matter when typed.
 */
public final class PickupPasswords {

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PickupPasswords() {
    }

    public static String generate() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** What the applicant typed, as it was generated: upper case, without separators, full-width folded. */
    public static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        String folded = java.text.Normalizer.normalize(typed, java.text.Normalizer.Form.NFKC);
        return folded.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    }
}
