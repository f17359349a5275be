package org.certflow.billing.banktransfer;

import java.time.Instant;

/**
 * An imported transfer and what became of it: recorded as the payment of an application (who, when), or waiting
 * for accounting with the reason and the order number it most likely belongs to.
 */
public record StoredTransfer(long id, Transfer transfer, String reason, String suggestedOrderNumber,
                             String recordedOrderNumber, String recordedBy, Instant recordedAt) {

    public boolean waiting() {
        return recordedAt == null;
    }
}
