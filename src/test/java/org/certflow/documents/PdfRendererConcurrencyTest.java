package org.certflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** One renderer shared by many threads, as in the application; a sanity check, not a benchmark. */
class PdfRendererConcurrencyTest {

    @Test
    void rendersConcurrentlyWithOneFactory() throws Exception {
        PdfRenderer renderer = new PdfRenderer();
        DistributionLetterPdf letters = new DistributionLetterPdf(renderer);
        InvoicePdf invoices = new InvoicePdf(renderer);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                String order = "PBJ" + (10000100 + i);
                boolean letter = i % 2 == 0;
                results.add(pool.submit(() -> PdfAssertions.read(letter
                        ? letters.render(new DistributionLetter("MCCI電子証明書サービス", "松本商工会議所", "髙橋 一郎",
                                "a@example.jp", order, "https://certs.example.jp/pickup", "ABCDEFGHJKLMNPQR", "30日",
                                LocalDate.of(2026, 11, 24)))
                        : invoices.render(new InvoiceDocument("MCCI電子証明書サービス", "松本商工会議所", "長野県松本市",
                                "T1234567890123", "INV-" + order, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 24),
                                "齋藤 花子", null, order, "電子証明書発行手数料（一級建築士・1年）", 12000, 10, 1200, 13200,
                                "口座"))).text()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).contains("PBJ" + (10000100 + i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
