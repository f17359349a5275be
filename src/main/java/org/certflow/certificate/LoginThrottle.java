package org.certflow.certificate;

import java.time.Duration;

import org.certflow.throttle.ClientAddress;
import org.certflow.throttle.Throttle;
import org.certflow.throttle.Throttle.Limit;
import org.springframework.stereotype.Component;

/**
 * The limits on pickup logins. Wrong passwords lock the client that sent them out of that order number, not the
 * order number for everyone: a stranger who knows an order number (they are numbered in sequence) cannot keep its
 * applicant out for the 30 days of the pickup window, however many addresses they send from. No limit counts the
 * guesses of all clients together, since any such limit is a lock that enough addresses (a botnet, Tor, an IPv6
 * subscriber's /56) can close for everyone. Against those guesses stands the password: 16 characters of 31, about
 * 2^79, which no number of guesses the service can check (each costs a bcrypt hash) comes near; the limits keep any
 * one client slow.
 */
@Component
class LoginThrottle {

    /** Five wrong passwords for one order number lock that client out of it for 15 minutes. */
    static final Limit PER_ORDER_AND_CLIENT = new Limit(5, Duration.ofHours(1), Duration.ofMinutes(15));
    /** Ten failures from one client, whatever the order numbers, lock the client out for 15 minutes. */
    static final Limit PER_CLIENT = new Limit(10, Duration.ofHours(1), Duration.ofMinutes(15));

    private final Throttle throttle;

    LoginThrottle(Throttle throttle) {
        this.throttle = throttle;
    }

    /** How long a locked client waits, whichever limit locked it. */
    Duration lockTime() {
        return PER_ORDER_AND_CLIENT.lock().compareTo(PER_CLIENT.lock()) >= 0 ? PER_ORDER_AND_CLIENT.lock()
                : PER_CLIENT.lock();
    }

    boolean isLocked(String orderNumber, String clientAddress) {
        return throttle.lockedUntil(clientKey(clientAddress)).isPresent()
                || throttle.lockedUntil(orderAndClientKey(orderNumber, clientAddress)).isPresent();
    }

    /**
     * Counts a failure; returns whether the client is locked out now. An order number that does not exist counts
     * only against the client, so random order numbers leave no rows behind.
     */
    boolean recordFailure(String orderNumber, boolean orderExists, String clientAddress) {
        boolean locked = throttle.hit(clientKey(clientAddress), PER_CLIENT).locked();
        if (orderExists) {
            locked |= throttle.hit(orderAndClientKey(orderNumber, clientAddress), PER_ORDER_AND_CLIENT).locked();
        }
        return locked;
    }

    /**
     * Forgets the applicant's own typos for this order number. The client's count stays: logging in to one's own
     * order must not buy fresh guesses at others'.
     */
    void recordSuccess(String orderNumber, String clientAddress) {
        throttle.clear(orderAndClientKey(orderNumber, clientAddress));
    }

    private String clientKey(String clientAddress) {
        return throttle.key("pickup-client", ClientAddress.of(clientAddress));
    }

    private String orderAndClientKey(String orderNumber, String clientAddress) {
        return throttle.key("pickup-order-client", orderNumber + " " + ClientAddress.of(clientAddress));
    }
}
