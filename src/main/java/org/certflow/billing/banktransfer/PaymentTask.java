package org.certflow.billing.banktransfer;

import java.time.LocalDate;
import java.util.List;

/**
 * The payment task of an application, worked as accounting works it in Tasklist: the payment is entered into the
 * task's form and the task completed by the staff member, so the task's own rules check it, the payment table
 * records it the same way and the process moves on (receipt, review) as after a typed payment.
 */
public interface PaymentTask {

    /** The staff member on whose behalf the task is completed, with their groups (the engine checks their rights). */
    record Actor(String userId, List<String> groupIds) {
    }

    /**
     * Completes the open payment task of the application with this payment.
     *
     * @throws Refused when there is no open payment task, the actor may not complete it, or its rules refuse the
     *                 payment; nothing is recorded then
     */
    void record(String orderNumber, long amount, LocalDate receivedOn, String comment, Actor actor);

    /** Why a payment was not recorded, in Japanese, for the staff member. */
    class Refused extends RuntimeException {

        public Refused(String message) {
            super(message);
        }
    }
}
