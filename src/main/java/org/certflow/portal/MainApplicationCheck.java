package org.certflow.portal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.certflow.application.Qualification;
import org.springframework.validation.Errors;

/**
 * Normalises what the applicant typed (full-width digits and letters, hiragana for katakana) and checks
 * every field of the main application. Errors carry message codes of {@code messages.properties}.
 */
final class MainApplicationCheck {

    private static final Pattern KATAKANA = Pattern.compile("[\\u30A1-\\u30FA\\u30FC\\u30FB]+");
    private static final Pattern ROMAJI = Pattern.compile("[A-Za-z]+");
    private static final Pattern DIGITS_OR_HYPHENS = Pattern.compile("[0-9-]+");
    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{7}");
    private static final Pattern REGISTRATION_DIGITS = Pattern.compile("\\d{1,8}");
    private static final Pattern REGISTRATION_OTHER = Pattern.compile("[0-9A-Z-]{1,20}");
    static final int NAME_MAX = 50;
    static final int ADDRESS_MAX = 200;

    private MainApplicationCheck() {
    }

    static void check(MainApplicationForm form, Qualification qualification, Errors errors) {
        form.setFamilyName(name(form.getFamilyName()));
        form.setFirstName(name(form.getFirstName()));
        required(form.getFamilyName(), NAME_MAX, "familyName", errors);
        required(form.getFirstName(), NAME_MAX, "firstName", errors);

        form.setFamilyNameKana(katakana(form.getFamilyNameKana()));
        form.setFirstNameKana(katakana(form.getFirstNameKana()));
        pattern(form.getFamilyNameKana(), KATAKANA, NAME_MAX, "familyNameKana", "kana.invalid", errors);
        pattern(form.getFirstNameKana(), KATAKANA, NAME_MAX, "firstNameKana", "kana.invalid", errors);

        form.setFamilyNameRomaji(romaji(form.getFamilyNameRomaji()));
        form.setFirstNameRomaji(romaji(form.getFirstNameRomaji()));
        pattern(form.getFamilyNameRomaji(), ROMAJI, NAME_MAX, "familyNameRomaji", "romaji.invalid", errors);
        pattern(form.getFirstNameRomaji(), ROMAJI, NAME_MAX, "firstNameRomaji", "romaji.invalid", errors);

        form.setPhone(nfkc(form.getPhone()).replaceAll("[\\s()]", ""));
        if (isBlank(form.getPhone())) {
            errors.rejectValue("phone", "required");
        } else {
            String digits = form.getPhone().replace("-", "");
            if (!DIGITS_OR_HYPHENS.matcher(form.getPhone()).matches() || !digits.startsWith("0")
                    || digits.length() < 10 || digits.length() > 11) {
                errors.rejectValue("phone", "phone.invalid");
            }
        }

        String postal = nfkc(form.getPostalCode()).replaceAll("[\\s\\-〒]", "");
        form.setPostalCode(POSTAL_CODE.matcher(postal).matches()
                ? postal.substring(0, 3) + "-" + postal.substring(3) : nfkc(form.getPostalCode()));
        if (isBlank(postal)) {
            errors.rejectValue("postalCode", "required");
        } else if (!POSTAL_CODE.matcher(postal).matches()) {
            errors.rejectValue("postalCode", "postalCode.invalid");
        }

        form.setAddress(nfkc(form.getAddress()));
        required(form.getAddress(), ADDRESS_MAX, "address", errors);

        form.setRegistrationNumber(nfkc(form.getRegistrationNumber()).replaceAll("[\\s第号]", "")
                .toUpperCase(Locale.ROOT));
        Pattern registration = qualification == Qualification.OTHER ? REGISTRATION_OTHER : REGISTRATION_DIGITS;
        pattern(form.getRegistrationNumber(), registration, 20, "registrationNumber",
                qualification == Qualification.OTHER ? "registrationNumber.invalid" : "registrationNumber.digits",
                errors);

        if (form.getValidityYears() == null || (form.getValidityYears() != 1 && form.getValidityYears() != 2)) {
            errors.rejectValue("validityYears", "validityYears.invalid");
        }
    }

    /** Hiragana become katakana, half-width katakana full-width; spaces between words go. */
    static String katakana(String typed) {
        String folded = nfkc(typed).replaceAll("[\\s\\u3000]", "");
        StringBuilder result = new StringBuilder(folded.length());
        folded.codePoints().forEach(c -> result.appendCodePoint(c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c));
        return result.toString();
    }

    /** Romaji as the certificate carries it: ASCII letters, first one upper case ({@code Yamada}). */
    static String romaji(String typed) {
        String folded = nfkc(typed).replaceAll("\\s", "");
        if (folded.isEmpty()) {
            return folded;
        }
        return folded.substring(0, 1).toUpperCase(Locale.ROOT) + folded.substring(1).toLowerCase(Locale.ROOT);
    }

    /** Names keep their characters (NFKC would fold some kanji); only the surrounding spaces go. */
    static String name(String typed) {
        return typed == null ? "" : typed.strip().replaceAll("[\\s\\u3000]+", " ");
    }

    static String nfkc(String typed) {
        return typed == null ? "" : Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void required(String value, int max, String field, Errors errors) {
        if (isBlank(value)) {
            errors.rejectValue(field, "required");
        } else if (value.length() > max) {
            errors.rejectValue(field, "tooLong", new Object[] {max}, null);
        }
    }

    private static void pattern(String value, Pattern pattern, int max, String field, String code, Errors errors) {
        if (isBlank(value)) {
            errors.rejectValue(field, "required");
        } else if (value.length() > max) {
            errors.rejectValue(field, "tooLong", new Object[] {max}, null);
        } else if (!pattern.matcher(value).matches()) {
            errors.rejectValue(field, code);
        }
    }
}
