package org.certflow.portal;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.certflow.application.Qualification;
import org.certflow.application.RomajiNames;
import org.certflow.documents.PrintableText;
import org.springframework.validation.Errors;

/**
 * Normalises what the applicant typed (full-width digits and letters, hiragana for katakana) and checks
 * every field of the main application. Errors carry message codes of {@code messages.properties}.
 */
final class MainApplicationCheck {

    private static final Pattern KATAKANA = Pattern.compile("[\\u30A1-\\u30FA\\u30FC\\u30FB]+");
    private static final Pattern DIGITS_OR_HYPHENS = Pattern.compile("[0-9-]+");
    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{7}");
    static final int NAME_MAX = 50;
    static final int ADDRESS_MAX = 200;

    private MainApplicationCheck() {
    }

    /** Applicants are licensed professionals: adults. */
    static final int MINIMUM_AGE = 18;
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/年.](\\d{1,2})[-/月.](\\d{1,2})日?");

    static void check(MainApplicationForm form, Qualification qualification, LocalDate today, Errors errors) {
        form.setFamilyName(name(form.getFamilyName()));
        form.setFirstName(name(form.getFirstName()));
        required(form.getFamilyName(), NAME_MAX, "familyName", errors);
        required(form.getFirstName(), NAME_MAX, "firstName", errors);

        form.setFamilyNameKana(katakana(form.getFamilyNameKana()));
        form.setFirstNameKana(katakana(form.getFirstNameKana()));
        Predicate<String> katakana = KATAKANA.asMatchPredicate();
        pattern(form.getFamilyNameKana(), katakana, NAME_MAX, "familyNameKana", "kana.invalid", errors);
        pattern(form.getFirstNameKana(), katakana, NAME_MAX, "firstNameKana", "kana.invalid", errors);

        form.setFamilyNameRomaji(RomajiNames.normalize(form.getFamilyNameRomaji()));
        form.setFirstNameRomaji(RomajiNames.normalize(form.getFirstNameRomaji()));
        pattern(form.getFamilyNameRomaji(), RomajiNames::isValid, NAME_MAX, "familyNameRomaji", "romaji.invalid",
                errors);
        pattern(form.getFirstNameRomaji(), RomajiNames::isValid, NAME_MAX, "firstNameRomaji", "romaji.invalid",
                errors);
        if (!errors.hasFieldErrors("familyNameRomaji") && !errors.hasFieldErrors("firstNameRomaji")
                && !RomajiNames.fitTogether(form.getFamilyNameRomaji(), form.getFirstNameRomaji())) {
            errors.rejectValue("firstNameRomaji", "romaji.tooLongTogether",
                    new Object[] {RomajiNames.MAX_COMMON_NAME_LENGTH - 1}, null);
        }

        checkDateOfBirth(form, today, errors);
        form.setOfficeName(nfkc(form.getOfficeName()));
        if (form.getOfficeName().length() > NAME_MAX * 2) {
            errors.rejectValue("officeName", "tooLong", new Object[] {NAME_MAX * 2}, null);
        }

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
        for (String field : new String[] {"familyName", "firstName", "officeName", "address"}) {
            printable(field, errors);
        }

        form.setRegistrationNumber(nfkc(form.getRegistrationNumber())
                .replaceAll("[\\s第号]|知事|登録", "").toUpperCase(Locale.ROOT));
        Qualification.RegistrationNumber format = qualification.registrationNumber();
        if (isBlank(form.getRegistrationNumber())) {
            errors.rejectValue("registrationNumber", "required");
        } else if (!format.accepts(form.getRegistrationNumber())) {
            errors.rejectValue("registrationNumber", format.messageKey());
        }

        if (form.getValidityYears() == null || (form.getValidityYears() != 1 && form.getValidityYears() != 2)) {
            errors.rejectValue("validityYears", "validityYears.invalid");
        }
        if (form.getChamberMember() == null) {
            errors.rejectValue("chamberMember", "chamberMember.required");
        }
    }

    /** Accepts 1980-04-01, 1980/4/1 and 1980年4月1日 (full-width digits too); keeps it as 1980-04-01. */
    private static void checkDateOfBirth(MainApplicationForm form, LocalDate today, Errors errors) {
        String typed = nfkc(form.getDateOfBirth());
        form.setDateOfBirth(typed);
        if (typed.isEmpty()) {
            errors.rejectValue("dateOfBirth", "required");
            return;
        }
        java.util.regex.Matcher matcher = DATE.matcher(typed);
        LocalDate date;
        try {
            if (!matcher.matches()) {
                throw new java.time.DateTimeException(typed);
            }
            date = LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        } catch (java.time.DateTimeException e) {
            errors.rejectValue("dateOfBirth", "dateOfBirth.invalid");
            return;
        }
        form.setDateOfBirth(date.toString());
        if (date.isAfter(today.minusYears(MINIMUM_AGE)) || date.getYear() < 1900) {
            errors.rejectValue("dateOfBirth", "dateOfBirth.outOfRange");
        }
    }

    /** Hiragana become katakana, half-width katakana full-width; spaces between words go. */
    static String katakana(String typed) {
        String folded = nfkc(typed).replaceAll("[\\s\\u3000]", "");
        StringBuilder result = new StringBuilder(folded.length());
        folded.codePoints().forEach(c -> result.appendCodePoint(c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c));
        return result.toString();
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

    /** Names, office and address go onto the letter and the invoice: only what their font prints. */
    private static void printable(String field, Errors errors) {
        Object value = errors.getFieldValue(field);
        if (!errors.hasFieldErrors(field) && value instanceof String text && !PrintableText.isPrintable(text)) {
            errors.rejectValue(field, "unprintable");
        }
    }

    private static void pattern(String value, Predicate<String> valid, int max, String field, String code,
                                Errors errors) {
        if (isBlank(value)) {
            errors.rejectValue(field, "required");
        } else if (value.length() > max) {
            errors.rejectValue(field, "tooLong", new Object[] {max}, null);
        } else if (!valid.test(value)) {
            errors.rejectValue(field, code);
        }
    }
}
