package org.certflow.staff;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.certflow.billing.records.DocumentKind;
import org.certflow.billing.records.TaxRecordQuery;

/**
 * The tax record search as typed on the staff page; every field optional. Full-width digits, slashes in dates and
 * thousands separators in amounts are accepted; anything else that is not a date or a whole number of yen gets a
 * message next to its field.
 */
record TaxRecordForm(String kind, String issuedFrom, String issuedTo, String amountFrom, String amountTo,
                     String counterparty) {

    static final int COUNTERPARTY_MAX = 100;
    private static final Pattern YEN = Pattern.compile("\\d{1,10}");

    static TaxRecordForm empty() {
        return new TaxRecordForm("", "", "", "", "", "");
    }

    /** The query, or the messages per field when something typed cannot be searched for. */
    Parsed parse() {
        Map<String, String> errors = new LinkedHashMap<>();
        Set<DocumentKind> kinds = EnumSet.noneOf(DocumentKind.class);
        if (!blank(kind)) {
            DocumentKind.ofSlug(kind).ifPresentOrElse(kinds::add,
                    () -> errors.put("kind", "種別は一覧から選んでください。"));
        }
        LocalDate from = date(issuedFrom, "issuedFrom", errors);
        LocalDate to = date(issuedTo, "issuedTo", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.put("issuedTo", "終了日は開始日と同じか、それより後の日付にしてください。");
        }
        Long min = yen(amountFrom, "amountFrom", errors);
        Long max = yen(amountTo, "amountTo", errors);
        if (min != null && max != null && min > max) {
            errors.put("amountTo", "上限は下限と同じか、それより大きい金額にしてください。");
        }
        String name = blank(counterparty) ? null : counterparty.strip();
        if (name != null && name.length() > COUNTERPARTY_MAX) {
            errors.put("counterparty", "取引先は" + COUNTERPARTY_MAX + "文字以内で入力してください。");
        }
        return new Parsed(errors.isEmpty() ? new TaxRecordQuery(kinds, from, to, min, max, name) : null, errors);
    }

    /** The export's period: both dates required, in order, and no longer than {@code longest}. */
    static Parsed period(String fromText, String toText, Period longest) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = date(fromText, "exportFrom", errors);
        LocalDate to = date(toText, "exportTo", errors);
        if (blank(fromText)) {
            errors.put("exportFrom", "開始日を入力してください。");
        }
        if (blank(toText)) {
            errors.put("exportTo", "終了日を入力してください。");
        }
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                errors.put("exportTo", "終了日は開始日と同じか、それより後の日付にしてください。");
            } else if (!to.isBefore(from.plus(longest))) {
                errors.put("exportTo", "一度に出力できる期間は" + japanese(longest) + "以内です（開始日 " + from
                        + " からなら " + from.plus(longest).minusDays(1) + " まで）。期間を分けて出力してください。");
            }
        }
        return new Parsed(errors.isEmpty() ? TaxRecordQuery.issuedBetween(from, to) : null, errors);
    }

    record Parsed(TaxRecordQuery query, Map<String, String> errors) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        if (blank(text)) {
            return null;
        }
        String normalized = Normalizer.normalize(text.strip(), Normalizer.Form.NFKC).replace('/', '-');
        try {
            return LocalDate.parse(normalized);
        } catch (DateTimeParseException e) {
            errors.put(field, "日付は 2026-04-01 のように、年-月-日で入力してください。");
            return null;
        }
    }

    private static Long yen(String text, String field, Map<String, String> errors) {
        if (blank(text)) {
            return null;
        }
        String digits = Normalizer.normalize(text.strip(), Normalizer.Form.NFKC).replace(",", "");
        if (digits.endsWith("円")) {
            digits = digits.substring(0, digits.length() - 1).strip();
        }
        if (!YEN.matcher(digits).matches()) {
            errors.put(field, "金額は 11000 のように、0以上の整数（円、10桁まで）で入力してください。");
            return null;
        }
        return Long.parseLong(digits);
    }

    private static String japanese(Period period) {
        StringBuilder text = new StringBuilder();
        if (period.getYears() > 0) {
            text.append(period.getYears()).append("年");
        }
        if (period.getMonths() > 0) {
            text.append(period.getMonths()).append("か月");
        }
        if (period.getDays() > 0) {
            text.append(period.getDays()).append("日");
        }
        return text.toString();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
