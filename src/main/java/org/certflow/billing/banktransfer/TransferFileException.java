package org.certflow.billing.banktransfer;

/** A file that is not a readable transfer notice; the message says in Japanese what is wrong and where. */
public class TransferFileException extends Exception {

    public TransferFileException(String message) {
        super(message);
    }
}
