package org.certflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionLetterPdfTest {

    private static PdfRenderer renderer;
    private static DistributionLetterPdf letters;

    @BeforeAll
    static void setUp() {
        renderer = new PdfRenderer();
        letters = new DistributionLetterPdf(renderer);
    }

    static DistributionLetter letter(String applicantName, String password) {
        return new DistributionLetter("MCCI電子証明書サービス", "松本商工会議所", applicantName,
                "t.takahashi@example.jp", "PBJ10000001", "https://certs.example.jp/pickup",
                password, "30日", LocalDate.of(2026, 11, 24));
    }

    @ParameterizedTest
    @ValueSource(strings = {"髙橋 一郎", "齋藤 花子", "渡邊 健太", "<b>&\"'"})
    void printsEveryField(String name) {
        byte[] pdf = letters.render(letter(name, "A7KQ9MZR2XWT4HJP"));

        PdfAssertions.Extracted read = PdfAssertions.read(pdf);
        String text = PdfAssertions.flat(read.text());
        assertThat(read.pages()).isEqualTo(1);
        assertThat(text)
                .contains("配布状")
                .contains("MCCI電子証明書サービス")
                .contains("松本商工会議所")
                .contains("PBJ10000001")
                .contains(name + " 様")
                .contains("t.takahashi@example.jp")
                .contains("https://certs.example.jp/pickup")
                .contains("A7KQ", "9MZR", "2XWT", "4HJP")
                .contains("2026年11月24日")
                .contains("審査完了後30日以内にダウンロードしてください")
                .contains("受付番号")
                .doesNotContain("注文番号")
                .contains("読みやすさのため4文字ごとに区切って表示しています")
                .contains("配布状は電子証明書をダウンロードするまで大切に保管してください")
                .contains("PKCS#12PINを設定してください")
                .contains("PKCS#12PINを紛失した場合、再発行は出来ません")
                .contains("9.で設定したPKCS#12PINが必要です");
        // the only '#' on the letter are those of "PKCS#12": no glyph was replaced
        assertThat(text.replace("PKCS#12", "")).doesNotContain("#");
        PdfAssertions.assertOnlyEmbeddedJapaneseFont(read);
        PdfAssertions.assertArchival(read);
        assertThat(read.title()).contains("配布状");
        assertThat(read.author()).isEqualTo("MCCI電子証明書サービス");
        assertThat(read.language()).isEqualTo("ja");
    }

    @Test
    void groupsThePasswordByFourForDisplayOnly() {
        String text = PdfAssertions.flat(PdfAssertions.read(
                letters.render(letter("齋藤 花子", "abcdEFGH23"))).text());
        assertThat(text).containsPattern("abcd\\s+EFGH\\s+23");
    }

    @Test
    void leavesTheApplicantLineOutWithoutAName() {
        String text = PdfAssertions.read(letters.render(letter(null, "A7KQ9MZR2XWT4HJP"))).text();
        assertThat(text).doesNotContain("申込者").doesNotContain(" 様");
        assertThat(text).contains("PBJ10000001");
    }

    @Test
    void takesTheWindowFromTheLetter() {
        DistributionLetter l = new DistributionLetter("MCCI電子証明書サービス", "松本商工会議所", "渡邊 健太",
                "k.watanabe@example.jp", "PBJ10000002", "https://certs.example.jp/pickup", "ZZZZYYYY", "1か月",
                LocalDate.of(2026, 1, 5));
        String text = PdfAssertions.flat(PdfAssertions.read(letters.render(l)).text());
        assertThat(text).contains("審査完了後1か月以内にダウンロードしてください")
                .contains("ダウンロード可能な期間は審査完了後1か月までとなります").contains("2026年1月5日");
    }

    @Test
    void refusesToPrintCharactersTheFontLacks() {
        assertThatThrownBy(() -> letters.render(letter("山田 \uD83D\uDE00", "A7KQ9MZR2XWT4HJP")))
                .isInstanceOf(PdfRenderingException.class)
                .hasMessageContaining("U+");
    }

    @Test
    void doesNotLeakThePasswordThroughToString() {
        assertThat(letter("髙橋 一郎", "A7KQ9MZR2XWT4HJP").toString()).doesNotContain("A7KQ");
    }

    /** Writes a sample for looking at it; run with -Ddocuments.sample.dir=/some/dir. */
    @Test
    void writesSampleWhenAsked() throws IOException {
        String dir = System.getProperty("documents.sample.dir");
        if (dir != null) {
            Files.write(Path.of(dir, "distribution-letter.pdf"),
                    letters.render(letter("髙橋 一郎", "A7KQ9MZR2XWT4HJP")));
        }
    }
}
