package org.certflow.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.Qualification;
import org.certflow.support.CertflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Invoice numbers are the accountant's sequence: 200 invoices issued at once on 8 threads get 200 numbers that
 * follow each other without a gap or a repeat; the fee is the decision table's answer for each combination.
 */
@CertflowTest
class InvoiceNumberingTest {

    @Autowired ApplicationRepository applications;
    @Autowired Invoices invoices;
    @Autowired FeeSchedule fees;
    @Autowired Receipts receipts;

    @Test
    void twoHundredConcurrentInvoicesAreNumberedWithoutGapOrRepeat() throws Exception {
        List<Application> paying = IntStream.range(0, 200).mapToObj(i -> application(Qualification.values()[i % 5],
                1 + i % 2, i % 3 == 0)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Invoice>> issued = new ArrayList<>();
        try {
            for (Application application : paying) {
                issued.add(pool.submit(() -> invoices.issueOnce(application)));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<Invoice> invoice : issued) {
                String number = invoice.get().invoiceNumber();
                assertThat(number).matches("INV-\\d{4}-\\d{6}");
                numbers.add(Integer.parseInt(number.substring(9)));
            }
            int first = numbers.stream().min(Integer::compare).orElseThrow();
            assertThat(numbers).as("unique and gapless").containsExactlyInAnyOrderElementsOf(
                    IntStream.range(first, first + 200).boxed().toList());
        } finally {
            pool.shutdown();
        }
        // issuing again returns the same invoice, and takes no number
        Invoice again = invoices.issueOnce(paying.get(0));
        assertThat(again.invoiceNumber()).isEqualTo(issued.get(0).get().invoiceNumber());
    }

    @Test
    void feesComeFromTheDecisionTable() {
        assertThat(fees.netFee(Qualification.FIRST_CLASS_ARCHITECT, 1, false)).isEqualTo(10000);
        assertThat(fees.netFee(Qualification.WOODEN_ARCHITECT, 2, false)).isEqualTo(18000);
        assertThat(fees.netFee(Qualification.REAL_ESTATE_APPRAISER, 1, true)).isEqualTo(8000);
        assertThat(fees.netFee(Qualification.SECOND_CLASS_ARCHITECT, 2, true)).isEqualTo(14000);
        assertThat(fees.netFee(Qualification.OTHER, 1, false)).isEqualTo(12000);
        assertThat(fees.netFee(Qualification.OTHER, 2, true)).isEqualTo(18000);

        Invoice invoice = invoices.issueOnce(application(Qualification.OTHER, 2, false));
        assertThat(invoice.netAmount()).isEqualTo(22000);
        assertThat(invoice.taxAmount()).isEqualTo(2200);
        assertThat(invoice.totalAmount()).isEqualTo(24200);
    }

    @Test
    void theSameJobRunningTwiceAtOnceGetsOneInvoiceAndTakesOneNumber() throws Exception {
        Application application = application(Qualification.SECOND_CLASS_ARCHITECT, 1, false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Invoice>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> invoices.issueOnce(application)));
            }
            List<String> numbers = new ArrayList<>();
            for (Future<Invoice> run : runs) {
                numbers.add(run.get().invoiceNumber());
            }
            assertThat(numbers).as("every run answers with the one invoice").containsOnly(numbers.get(0));
            Invoice next = invoices.issueOnce(application(Qualification.SECOND_CLASS_ARCHITECT, 1, false));
            assertThat(Integer.parseInt(next.invoiceNumber().substring(9)))
                    .as("the losing runs took no number").isEqualTo(Integer.parseInt(numbers.get(0).substring(9)) + 1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aReceiptIsIssuedOnlyForAnInvoicePaidInFullOnTheDayAccountingRecorded() {
        Application application = application(Qualification.FIRST_CLASS_ARCHITECT, 1, false);
        invoices.issueOnce(application);
        assertThatThrownBy(() -> receipts.issueOnce(application)).as("an unpaid invoice gets no receipt")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not paid");
        assertThat(receipts.find(application.id())).isEmpty();

        invoices.markPaid(application.id(), LocalDate.of(2026, 4, 3));
        assertThat(receipts.issueOnce(application).receivedOn()).isEqualTo(LocalDate.of(2026, 4, 3));
    }

    private Application application(Qualification qualification, int years, boolean member) {
        Application application = applications.createProvisional("numbering@example.jp", qualification, "test",
                Instant.now());
        applications.saveDetails(application.id(), new ApplicantDetails("髙橋", "一郎", "タカハシ", "イチロウ",
                "Takahashi", "Ichiro", LocalDate.of(1975, 1, 2), "髙橋不動産鑑定事務所", "0263-00-0000", "390-0811",
                "長野県松本市中央1-1-1", "12345"), years, member, Instant.now());
        return applications.get(application.id());
    }
}
