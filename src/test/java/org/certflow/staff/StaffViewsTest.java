package org.certflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.application.ApplicationStatus;
import org.certflow.application.Qualification;
import org.certflow.billing.Invoice;
import org.certflow.billing.Payments.Payment;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.RevocationReason;
import org.certflow.review.ApplicantRevocationReason;
import org.certflow.review.ReviewRecord;
import org.certflow.review.RevocationRequest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON the staff task forms bind, key by key: a part the application lacks is absent, not null. */
class StaffViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApplicantDetails DETAILS = new ApplicantDetails("山田", "太郎", "ヤマダ", "タロウ", "YAMADA",
            "TARO", LocalDate.of(1980, 4, 1), "山田設計事務所", "0263-00-0000", "390-0811", "長野県松本市中央1-1",
            "123456");
    private static final Application SUBMITTED = application(DETAILS);
    private static final Application PROVISIONAL = application(null);

    @Test
    void paymentView() throws Exception {
        Invoice invoice = new Invoice(1, "INV-2026-000001", 10000, 1000, 11000, LocalDate.of(2026, 4, 1),
                LocalDate.of(2026, 5, 1), new byte[0]);
        Payment payment = new Payment(1, 5000, LocalDate.of(2026, 4, 10), null, "keiri", Instant.EPOCH);

        assertThat(JSON.writeValueAsString(StaffViews.PaymentView.of(SUBMITTED, invoice, 5000, List.of(payment))))
                .isEqualTo("{\"orderNumber\":\"ACT1-0001\",\"qualification\":\"一級建築士\",\"familyName\":\"山田\","
                        + "\"firstName\":\"太郎\",\"invoiceNumber\":\"INV-2026-000001\","
                        + "\"invoiceIssuedOn\":\"2026-04-01\",\"invoiceTotal\":11000,\"invoiceDueOn\":\"2026-05-01\","
                        + "\"received\":5000,\"outstanding\":6000,\"payments\":[{\"receivedOn\":\"2026-04-10\","
                        + "\"amount\":5000,\"recordedBy\":\"keiri\",\"comment\":null}]}");
        assertThat(JSON.writeValueAsString(StaffViews.PaymentView.of(PROVISIONAL, null, 0, List.of())))
                .isEqualTo("{\"orderNumber\":\"ACT1-0001\",\"qualification\":\"一級建築士\",\"payments\":[]}");
    }

    @Test
    void reviewView() throws Exception {
        ReviewRecord first = new ReviewRecord(1, 0, ReviewRecord.Stage.FIRST, "shinsa", "approve",
                null, true, "要確認", Instant.parse("2026-04-01T01:00:00Z"));

        assertThat(JSON.writeValueAsString(StaffViews.ReviewView.of(SUBMITTED, List.of(first), true, null)))
                .isEqualTo("{\"orderNumber\":\"ACT1-0001\",\"qualification\":\"一級建築士\","
                        + "\"email\":\"yamada@example.jp\",\"validityYears\":2,\"chamberMember\":true,\"revision\":0,"
                        + "\"reviewComment\":null,\"familyName\":\"山田\",\"firstName\":\"太郎\","
                        + "\"familyNameKana\":\"ヤマダ\",\"firstNameKana\":\"タロウ\",\"familyNameRomaji\":\"YAMADA\","
                        + "\"firstNameRomaji\":\"TARO\",\"dateOfBirth\":\"1980-04-01\",\"officeName\":\"山田設計事務所\","
                        + "\"phone\":\"0263-00-0000\",\"postalCode\":\"390-0811\",\"address\":\"長野県松本市中央1-1\","
                        + "\"registrationNumber\":\"123456\",\"reviews\":[{\"decidedAt\":\"2026-04-01 10:00\","
                        + "\"stage\":\"一次\",\"reviewer\":\"shinsa\",\"decision\":\"承認\",\"doubt\":true,"
                        + "\"comment\":\"要確認\"}],\"secondReview\":true,\"renewal\":null,\"licenceImageDeleted\":null,\"consents\":null}");
        assertThat(JSON.writeValueAsString(StaffViews.ReviewView.of(SUBMITTED, List.of(), false, null)
                .withConsents("利用者の義務 2026-11版、個人情報の取扱い 2026-12版")))
                .endsWith("\"consents\":\"利用者の義務 2026-11版、個人情報の取扱い 2026-12版\"}");
    }

    @Test
    void revocationView() throws Exception {
        RevocationRequest request = new RevocationRequest(7, "pi", 1, "0A1B", RevocationReason.KEY_COMPROMISE,
                "紛失", "ra-admin", Instant.EPOCH, null, null, null, null, null);
        IssuedCertificate certificate = new IssuedCertificate(1L, "0A1B", "CN=YAMADA TARO", Instant.EPOCH,
                Instant.parse("2028-03-31T14:59:00Z"), null, null);

        assertThat(JSON.writeValueAsString(StaffViews.RevocationView.of(SUBMITTED, request, certificate)))
                .isEqualTo("{\"orderNumber\":\"ACT1-0001\",\"qualification\":\"一級建築士\",\"familyName\":\"山田\","
                        + "\"firstName\":\"太郎\",\"serialNumber\":\"0A1B\",\"subject\":\"CN=YAMADA TARO\","
                        + "\"notAfter\":\"2028-03-31 23:59\",\"reason\":\"秘密鍵の危殆化\",\"requester\":\"ra-admin\","
                        + "\"comment\":\"紛失\"}");
        assertThat(JSON.writeValueAsString(StaffViews.RevocationView.of(PROVISIONAL, request, null)))
                .isEqualTo("{\"orderNumber\":\"ACT1-0001\",\"qualification\":\"一級建築士\",\"serialNumber\":\"0A1B\","
                        + "\"reason\":\"秘密鍵の危殆化\",\"requester\":\"ra-admin\",\"comment\":\"紛失\"}");
    }

    @Test
    void anApplicantsRevocationShowsTheirReasonAndTheMappedOneButNoUserId() throws Exception {
        RevocationRequest request = new RevocationRequest(8, "pi", 1, "0A1B", RevocationReason.AFFILIATION_CHANGED,
                "姓が変わった", "applicant:ACT1-0001", Instant.EPOCH, null, null, null, null,
                ApplicantRevocationReason.DETAILS_CHANGED);

        assertThat(JSON.writeValueAsString(StaffViews.RevocationView.of(PROVISIONAL, request, null)))
                .isEqualTo("{\"orderNumber\":\"ACT1-0001\",\"qualification\":\"一級建築士\",\"serialNumber\":\"0A1B\","
                        + "\"reason\":\"記載事項の変更（失効理由: 登録内容の変更）\","
                        + "\"requester\":\"申込者本人（申込状況の確認ページから）\",\"comment\":\"姓が変わった\"}");
    }

    @Test
    void aReducedApplicationWhoseImageWasDeletedSaysSo() throws Exception {
        Application reduced = new Application(1, "ACT1-0001", ApplicationStatus.CERTIFICATE_EXPIRED,
                Qualification.FIRST_CLASS_ARCHITECT, null, null, 2, true, 0, null, Instant.EPOCH, null, null);

        String json = JSON.writeValueAsString(StaffViews.ReviewView.of(reduced, List.of(), false, null, true));

        assertThat(json).contains("\"email\":\"削除済み\"").contains("\"licenceImageDeleted\":\"保存期間の経過により削除済み\"")
                .doesNotContain("familyNameKana");
        assertThat(JSON.writeValueAsString(StaffViews.PaymentView.of(reduced, null, 0, List.of())))
                .contains("\"familyName\":\"削除済み\"");
    }

    @Test
    void licenceImageViews() throws Exception {
        LicenceImageViews.View seen = new LicenceImageViews.View(1, "shinsa", "task-1",
                Instant.parse("2026-04-01T01:00:00Z"));

        assertThat(JSON.writeValueAsString(new StaffViews.LicenceImageViewsView("ACT1-0001",
                List.of(StaffViews.ViewRow.of(seen)))))
                .isEqualTo("{\"orderNumber\":\"ACT1-0001\",\"views\":[{\"viewedAt\":\"2026-04-01T10:00:00+09:00\","
                        + "\"viewedBy\":\"shinsa\",\"taskId\":\"task-1\"}]}");
    }

    private static Application application(ApplicantDetails details) {
        return new Application(1, "ACT1-0001", ApplicationStatus.AWAITING_PAYMENT, Qualification.FIRST_CLASS_ARCHITECT,
                "yamada@example.jp", details, 2, true, 0, null, Instant.EPOCH, null, null);
    }
}
