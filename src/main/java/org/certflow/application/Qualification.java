package org.certflow.application;

/**
 * The licence an applicant holds. It decides which document the licence image shows,
 * the name of the upload mail and the organizational unit of the certificate.
 */
public enum Qualification {
    ARCHITECT("建築士", "建築士免許証", "ACT"),
    REAL_ESTATE_APPRAISER("不動産鑑定士", "不動産鑑定士登録通知書", "REA"),
    OTHER("その他の資格", "公的資格証明書", "OTH");

    private final String displayName;
    private final String documentName;
    private final String unitPrefix;

    Qualification(String displayName, String documentName, String unitPrefix) {
        this.displayName = displayName;
        this.documentName = documentName;
        this.unitPrefix = unitPrefix;
    }

    public String displayName() {
        return displayName;
    }

    /** The document whose image the applicant uploads; it names the upload mail (〇〇画像アップロードURL). */
    public String documentName() {
        return documentName;
    }

    /** The certificate's OU, e.g. {@code ACT-123456}. */
    public String organizationalUnit(String registrationNumber) {
        return unitPrefix + "-" + registrationNumber;
    }
}
