package org.certflow.application;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The licence an applicant holds. It decides which document the licence image shows (and so the name of the
 * upload mail), how its registration number is written, and the organizational unit of the certificate.
 */
public enum Qualification {
    FIRST_CLASS_ARCHITECT("一級建築士", "建築士免許証", "ACT1", RegistrationNumber.NATIONAL),
    SECOND_CLASS_ARCHITECT("二級建築士", "建築士免許証", "ACT2", RegistrationNumber.PREFECTURAL),
    WOODEN_ARCHITECT("木造建築士", "建築士免許証", "ACTW", RegistrationNumber.PREFECTURAL),
    REAL_ESTATE_APPRAISER("不動産鑑定士", "不動産鑑定士登録通知書", "REA", RegistrationNumber.NATIONAL),
    OTHER("その他の資格", "公的資格証明書", "OTH", RegistrationNumber.FREE);

    /** How registration numbers of a qualification are written, with the message for a wrong one. */
    public enum RegistrationNumber {
        /** Registered with the minister: a number, e.g. 123456 (第123456号). */
        NATIONAL(Pattern.compile("\\d{1,6}"), "registrationNumber.national"),
        /** Registered with a prefectural governor: the prefecture and a number, e.g. 長野県12345. */
        PREFECTURAL(Pattern.compile("(\\p{IsHan}{2,3}[都道府県])(\\d{1,6})"), "registrationNumber.prefectural"),
        /** Any other certificate: letters, digits and hyphens. */
        FREE(Pattern.compile("[0-9A-Z-]{1,20}"), "registrationNumber.free");

        private final Pattern pattern;
        private final String messageKey;

        RegistrationNumber(Pattern pattern, String messageKey) {
            this.pattern = pattern;
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }

        public boolean accepts(String number) {
            Matcher matcher = pattern.matcher(number);
            return matcher.matches() && (this != PREFECTURAL || Prefectures.code(matcher.group(1)).isPresent());
        }
    }

    private final String displayName;
    private final String documentName;
    private final String unitPrefix;
    private final RegistrationNumber registrationNumber;

    Qualification(String displayName, String documentName, String unitPrefix, RegistrationNumber registrationNumber) {
        this.displayName = displayName;
        this.documentName = documentName;
        this.unitPrefix = unitPrefix;
        this.registrationNumber = registrationNumber;
    }

    public String displayName() {
        return displayName;
    }

    /** The document whose image the applicant uploads; it names the upload mail (〇〇画像アップロードURL). */
    public String documentName() {
        return documentName;
    }

    public RegistrationNumber registrationNumber() {
        return registrationNumber;
    }

    /**
     * The certificate's OU, in ASCII: {@code ACT1-123456}, {@code ACT2-20-12345} (prefecture by its JIS code),
     * {@code REA-1234}, {@code OTH-AB-12}.
     */
    public String organizationalUnit(String number) {
        if (registrationNumber == RegistrationNumber.PREFECTURAL) {
            Matcher matcher = RegistrationNumber.PREFECTURAL.pattern.matcher(number);
            if (matcher.matches()) {
                Optional<String> code = Prefectures.code(matcher.group(1));
                if (code.isPresent()) {
                    return unitPrefix + "-" + code.get() + "-" + matcher.group(2);
                }
            }
            throw new IllegalArgumentException("Not a prefectural registration number");
        }
        return unitPrefix + "-" + number;
    }
}
