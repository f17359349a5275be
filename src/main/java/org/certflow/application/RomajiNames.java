package org.certflow.application;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for the applicant's name in romaji, used where it is typed (portal) and where it is certified (the
 * CN of the client certificate, {@code TARO YAMADA}): a name accepted at the first place is never refused at the
 * last.
 */
public final class RomajiNames {

    /** ub-common-name of RFC 5280: given name, one space and family name together. */
    public static final int MAX_COMMON_NAME_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z]+");

    private RomajiNames() {
    }

    /** As typed to as stored: full-width letters folded (NFKC), spaces gone, first letter upper case. */
    public static String normalize(String typed) {
        String folded = typed == null ? "" : Normalizer.normalize(typed, Normalizer.Form.NFKC).replaceAll("\\s", "");
        if (folded.isEmpty()) {
            return folded;
        }
        return folded.substring(0, 1).toUpperCase(Locale.ROOT) + folded.substring(1).toLowerCase(Locale.ROOT);
    }

    /** One name (family or given): ASCII letters only. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Whether both names fit into the certificate's common name together. */
    public static boolean fitTogether(String familyName, String firstName) {
        return commonName(familyName, firstName).length() <= MAX_COMMON_NAME_LENGTH;
    }

    /** The common name of the certificate: given name, then family name, in capitals. */
    public static String commonName(String familyName, String firstName) {
        return (firstName + " " + familyName).toUpperCase(Locale.ROOT);
    }
}
