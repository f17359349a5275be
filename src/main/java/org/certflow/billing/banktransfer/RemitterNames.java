package org.certflow.billing.banktransfer;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a remitter wrote, made comparable. Banks send names in half-width katakana without small kana
 * (ｷﾔﾉﾝ for キャノン), often with a company mark such as ｶ) for 株式会社 and spaces wherever the remitter put
 * them; the applicant typed full-width katakana. Both sides are folded to the same form before they are compared.
 */
final class RemitterNames {

    /** 株式会社, 有限会社, 合同会社, 医療法人, 財団法人, 社団法人 …, written before or after the name. */
    private static final Pattern COMPANY_MARK = Pattern.compile(
            "^(?:カ|ユ|ド|ゴ|メ|シ|イ|ザイ|シヤ|ガク|フク|トク|ギヨ|ノウ)\\)|\\((?:カ|ユ|ド|ゴ|メ|シ|イ|ザイ|シヤ|ガク|フク|トク|ギヨ|ノウ)\\)?$");
    private static final Pattern INVOICE_NUMBER = Pattern.compile("INV-?(\\d{4})-?(\\d{6})");
    private static final Pattern ORDER_NUMBER = Pattern.compile("PBJ\\d{8}");
    private static final String SMALL = "ァィゥェォッャュョヮヵヶ";
    private static final String LARGE = "アイウエオツヤユヨワカケ";

    private RemitterNames() {
    }

    /**
     * The name folded for comparison: full-width katakana (hiragana included) with small kana made large, long
     * vowel marks unified, company marks removed, and everything else (spaces, digits, letters, signs) dropped.
     * An empty result compares equal to nothing.
     */
    static String fold(String name) {
        if (name == null) {
            return "";
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("[\\s\\u3000]+", "");
        text = COMPANY_MARK.matcher(text).replaceAll("");
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int kana = c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c;
            int small = SMALL.indexOf(kana);
            if (small >= 0) {
                folded.append(LARGE.charAt(small));
            } else if (kana == '-' || kana == 0x2010 || kana == 0x2212 || kana == 0x30FC) {
                folded.append('ー');
            } else if (kana >= 0x30A1 && kana <= 0x30FA) {
                folded.appendCodePoint(kana);
            }
        });
        // a hyphen is a long vowel only after kana; in front of a name it is a sign the bank kept
        return folded.toString().replaceAll("^ー+", "");
    }

    /** Whether the remitter wrote the applicant's name, read as the bank writes names. */
    static boolean sameName(String remitterName, String familyNameKana, String firstNameKana) {
        String remitter = fold(remitterName);
        return !remitter.isEmpty() && remitter.equals(fold(familyNameKana + firstNameKana));
    }

    /**
     * The invoice numbers ({@code INV-2026-000123}, hyphens optional) and order numbers ({@code PBJ12345678}) a
     * remitter wrote into the name or the EDI field, in the order written.
     */
    static Set<String> references(String... fields) {
        Set<String> references = new LinkedHashSet<>();
        for (String field : fields) {
            if (field == null) {
                continue;
            }
            String text = Normalizer.normalize(field, Normalizer.Form.NFKC).toUpperCase().replaceAll("[\\s\\u3000]+", "");
            Matcher invoice = INVOICE_NUMBER.matcher(text);
            while (invoice.find()) {
                references.add("INV-" + invoice.group(1) + "-" + invoice.group(2));
            }
            Matcher order = ORDER_NUMBER.matcher(text);
            while (order.find()) {
                references.add(order.group());
            }
        }
        return references;
    }
}
