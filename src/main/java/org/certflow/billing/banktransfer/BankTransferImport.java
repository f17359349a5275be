package org.certflow.billing.banktransfer;

import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.certflow.billing.banktransfer.PaymentTask.Actor;
import org.certflow.billing.banktransfer.PaymentTask.Refused;
import org.certflow.billing.banktransfer.TransferMatching.Match;
import org.certflow.service.DeadlineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounting's import of the bank's transfer notice: the file is read and checked as a whole first, then each
 * transfer not imported before is stored, matched to an open invoice and, when the match is certain, recorded through
 * the application's payment task by the staff member who imported it. The others wait for a person, who assigns each
 * to an open invoice, which records it the same way. Each transfer is recorded in a transaction of its own, together
 * with the mark that it was, so a transfer pays at most once, also when two people import or assign at once.
 */
@Component
public class BankTransferImport {

    private static final Logger log = LoggerFactory.getLogger(BankTransferImport.class);
    private static final int RECENT = 20;

    /** What an import did: transfers in the file, those imported before, those recorded now, those left waiting. */
    public record Outcome(int read, int alreadyImported, List<StoredTransfer> recorded, int waiting) {
    }

    private final BankTransfers transfers;
    private final OpenInvoices openInvoices;
    private final PaymentTask paymentTask;
    private final DeadlineProperties deadlines;
    private final Clock clock;
    private final TransactionTemplate transaction;

    BankTransferImport(BankTransfers transfers, OpenInvoices openInvoices, PaymentTask paymentTask,
                       DeadlineProperties deadlines, Clock clock, PlatformTransactionManager transactions) {
        this.transfers = transfers;
        this.openInvoices = openInvoices;
        this.paymentTask = paymentTask;
        this.deadlines = deadlines;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Outcome importFile(byte[] file, Actor actor) throws TransferFileException {
        List<Transfer> read = new TransferFileReader(today()).read(file);
        int alreadyImported = 0;
        List<StoredTransfer> recorded = new ArrayList<>();
        int waiting = 0;
        for (Transfer transfer : read) {
            if (transfers.exists(transfer)) {
                alreadyImported++;
                continue;
            }
            // matched against the invoices open now: a transfer earlier in the file may have paid one
            Match match = TransferMatching.match(transfer, openInvoices.list());
            Optional<Long> stored = store(transfer, match, actor);
            if (stored.isEmpty()) {
                alreadyImported++;
                continue;
            }
            Optional<StoredTransfer> paid = match.recordable() ? recordMatched(stored.get(), match, transfer, actor)
                    : Optional.empty();
            if (paid.isPresent()) {
                recorded.add(paid.get());
            } else {
                waiting++;
            }
        }
        log.info("Bank transfer file imported by {}: {} transfers, {} imported before, {} recorded, {} waiting",
                actor.userId(), read.size(), alreadyImported, recorded.size(), waiting);
        return new Outcome(read.size(), alreadyImported, recorded, waiting);
    }

    /**
     * Records a waiting transfer as the payment of the open invoice a person chose (by invoice or order number).
     *
     * @throws Refused when the transfer is not waiting, no open invoice has that number, or the payment task's rules
     *                 refuse it (a comment is needed when the amount is not what is due)
     */
    public StoredTransfer assign(long transferId, String reference, String comment, Actor actor) {
        StoredTransfer transfer = transfers.find(transferId).filter(StoredTransfer::waiting)
                .orElseThrow(() -> new Refused("この振込はすでに記録されているか、見つかりません。一覧を開き直してください"));
        if (transfer.transfer().cancellation()) {
            throw new Refused("取消の通知は入金として記録できません");
        }
        String wanted = reference == null ? "" : Normalizer.normalize(reference, Normalizer.Form.NFKC).strip().toUpperCase();
        OpenInvoice invoice = openInvoices.list().stream()
                .filter(open -> open.invoiceNumber().equals(wanted) || open.orderNumber().equals(wanted)).findFirst()
                .orElseThrow(() -> new Refused("「" + wanted + "」に当たる未入金の請求がありません。請求書番号（INV-…）"
                        + "または受付番号（PBJ…）を入力してください"));
        record(transferId, invoice, transfer.transfer(), comment, actor);
        return transfers.find(transferId).orElseThrow();
    }

    public List<StoredTransfer> waiting() {
        return transfers.waiting();
    }

    public List<StoredTransfer> recentlyRecorded() {
        return transfers.recentlyRecorded(RECENT);
    }

    /** Stores a new transfer; empty when somebody else stored the same one a moment ago. */
    private Optional<Long> store(Transfer transfer, Match match, Actor actor) {
        try {
            return Optional.of(transaction.execute(status -> transfers.store(transfer, match.reason(),
                    match.invoice().map(OpenInvoice::applicationId).orElse(null), actor.userId(), clock.instant())));
        } catch (DuplicateKeyException importedMeanwhile) {
            // another import of the same file took it first; that import records it
            return Optional.empty();
        }
    }

    private Optional<StoredTransfer> recordMatched(long id, Match match, Transfer transfer, Actor actor) {
        OpenInvoice invoice = match.invoice().orElseThrow();
        try {
            record(id, invoice, transfer, null, actor);
            return transfers.find(id);
        } catch (Refused refused) {
            transfers.explain(id, refused.getMessage(), invoice.applicationId());
            return Optional.empty();
        }
    }

    private void record(long id, OpenInvoice invoice, Transfer transfer, String comment, Actor actor) {
        transaction.executeWithoutResult(status -> {
            transfers.lockWaiting(id).orElseThrow(() -> new Refused("この振込はすでに記録されています"));
            paymentTask.record(invoice.orderNumber(), transfer.amount(), transfer.bookedOn(), comment, actor);
            transfers.markRecorded(id, invoice.applicationId(), actor.userId(), clock.instant());
        });
    }

    private LocalDate today() {
        return clock.instant().atZone(deadlines.zone()).toLocalDate();
    }
}
