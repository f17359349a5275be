package org.certflow.certificate;

/** The RFC 5280 reasons staff can give, with the words the applicant reads. */
public enum RevocationReason {
    UNSPECIFIED(0, "理由の指定なし"),
    KEY_COMPROMISE(1, "秘密鍵の危殆化"),
    AFFILIATION_CHANGED(3, "登録内容の変更"),
    SUPERSEDED(4, "再発行"),
    CESSATION_OF_OPERATION(5, "利用の終了");

    private final int code;
    private final String label;

    RevocationReason(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static RevocationReason ofCode(int code) {
        for (RevocationReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new IllegalArgumentException("Not a revocation reason certflow accepts: " + code);
    }
}
