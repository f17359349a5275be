package org.certflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.certflow.service.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/** The notice an operator writes as plain text becomes headings, paragraphs and lists with the office's contact. */
class PrivacyNoticeTest {

    private static final ServiceProperties SERVICE = new ServiceProperties("MCCI電子証明書サービス", "松本商工会議所",
            "https://certs.example.jp", new ServiceProperties.Contact("テスト事務局", "0263-11-2222",
            "privacy@example.jp", "平日 9:00〜17:00"));

    @Test
    void theDefaultNoticeCoversWhatTheLawAsksAndNamesTheOffice() {
        PrivacyNotice notice = new PrivacyNotice(new PrivacyProperties("2026-12", "classpath:privacy/notice-ja.txt"),
                SERVICE, new DefaultResourceLoader());

        assertThat(notice.version()).isEqualTo("2026-12");
        assertThat(notice.title()).isEqualTo("個人情報の取扱いについて");
        assertThat(notice.sections()).extracting(PrivacyNotice.Section::heading).contains("2. 利用目的", "3. 第三者提供",
                "4. 保存期間", "5. 開示・訂正・削除等の請求", "6. 安全管理措置");
        String text = notice.sections().toString();
        assertThat(text).contains("90日", "1年", "7年", "上位の認証局", "テスト事務局", "0263-11-2222",
                "privacy@example.jp", "松本商工会議所").doesNotContain("{office}", "{mail}");
        PrivacyNotice.Section retention = notice.sections().stream()
                .filter(section -> "4. 保存期間".equals(section.heading())).findFirst().orElseThrow();
        assertThat(retention.blocks()).singleElement().satisfies(block -> {
            assertThat(block.list()).isTrue();
            assertThat(block.lines()).hasSize(3);
        });
    }

    @Test
    void anOperatorsNoticeIsReadFromAFileAndAMissingOneStopsTheStartNamingTheSetting() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("notice", ".txt");
        java.nio.file.Files.writeString(file, "# 個人情報について\n\n前文です。\n\n## 窓口\n- {office}\n- {mail}\n");
        PrivacyNotice notice = new PrivacyNotice(new PrivacyProperties("v2", "file:" + file), SERVICE,
                new DefaultResourceLoader());
        assertThat(notice.title()).isEqualTo("個人情報について");
        assertThat(notice.sections()).hasSize(2);
        assertThat(notice.sections().get(0).blocks().get(0).lines()).isEqualTo(List.of("前文です。"));
        assertThat(notice.sections().get(1).blocks().get(0).lines()).isEqualTo(List.of("テスト事務局", "privacy@example.jp"));

        assertThatThrownBy(() -> new PrivacyNotice(new PrivacyProperties("v2", "file:/nonexistent/notice.txt"), SERVICE,
                new DefaultResourceLoader())).hasMessageContaining("certflow.privacy.notice");
    }
}
