package org.certflow.application;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for an applicant's mail address, used where it is typed (portal, the Tasklist start form) and where
 * it is certified (the rfc822Name of the client certificate, an IA5String): an address accepted at the first place
 * is never refused at the last.
 */
public final class EmailAddresses {

    /** RFC 5321's limit of a forward path. */
    public static final int MAX_LENGTH = 254;

    /** A plain ASCII address: dot-atom local part and a dotted host name. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?)+");

    private EmailAddresses() {
    }

    /** As typed to as stored: full-width characters folded (NFKC), surrounding spaces gone, lower case. */
    public static String normalize(String typed) {
        return typed == null ? "" : Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String address) {
        return address != null && address.length() <= MAX_LENGTH && ADDRESS.matcher(address).matches();
    }
}
