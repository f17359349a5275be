package org.certflow.documents.benchmark;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import org.certflow.documents.DistributionLetter;
import org.certflow.documents.DistributionLetterPdf;
import org.certflow.documents.InvoiceDocument;
import org.certflow.documents.InvoicePdf;
import org.certflow.documents.PdfRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many distribution letters and invoices one application renders per second, with its single FopFactory
 * (PDF/A-2b, embedded font subset). Run: {@code ./mvnw -Pbenchmark test-compile exec:exec -Dbenchmark=DocumentBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class DocumentBenchmark {

    private DistributionLetterPdf letters;
    private InvoicePdf invoices;
    private DistributionLetter letter;
    private InvoiceDocument invoice;

    @Setup
    public void setUp() {
        PdfRenderer renderer = new PdfRenderer();
        letters = new DistributionLetterPdf(renderer);
        invoices = new InvoicePdf(renderer);
        letter = new DistributionLetter("MCCI電子証明書サービス", "松本商工会議所", "髙橋 一郎", "takahashi@example.jp",
                "PBJ10000001", "https://certs.example.jp/pickup", "ABCDEFGHJKLMNPQR", "30日", LocalDate.of(2026, 11, 24));
        invoice = new InvoiceDocument("MCCI電子証明書サービス", "松本商工会議所", "〒390-8503\n長野県松本市中央1-23-1",
                "T1234567890123", "INV-2026-000001", LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 24),
                "齋藤 花子", "〒390-0811 長野県松本市中央2-1-1", "PBJ10000001", "電子証明書発行手数料（一級建築士・1年）",
                10000, 10, 1000, 11000, "八十二銀行 松本営業部\n普通預金 1234567");
    }

    @Benchmark
    public byte[] distributionLetter() {
        return letters.render(letter);
    }

    @Benchmark
    public byte[] invoice() {
        return invoices.render(invoice);
    }

    /** Both cores busy, as when many applicants submit at once. */
    @Benchmark
    @Threads(2)
    public byte[] distributionLetterTwoThreads() {
        return letters.render(letter);
    }
}
