package org.certflow.portal;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.certflow.application.EmailAddresses;
import org.certflow.throttle.ClientAddress;
import org.certflow.throttle.Throttle;
import org.certflow.throttle.Throttle.Limit;
import org.certflow.throttle.Throttle.Outcome;
import org.springframework.stereotype.Component;

/** Counts provisional applications per client address and per recipient, see {@link ProvisionalApplicationLimits}. */
@Component
class ProvisionalApplicationThrottle {

    private static final Set<String> GMAIL = Set.of("gmail.com", "googlemail.com");

    private final Throttle throttle;
    private final Limit perClient;
    private final Limit perRecipient;

    ProvisionalApplicationThrottle(Throttle throttle, ProvisionalApplicationLimits limits) {
        this.throttle = throttle;
        this.perClient = Limit.perWindow(limits.perClient(), limits.clientWindow());
        this.perRecipient = Limit.perWindow(limits.perRecipient(), limits.recipientWindow());
    }

    /**
     * Counts one application; returns until when it is refused, if it is. An application the client's limit refuses
     * is not counted against the recipient.
     */
    Optional<Instant> refusedUntil(String clientAddress, String email) {
        Outcome client = throttle.hit(throttle.key("provisional-client", ClientAddress.of(clientAddress)), perClient);
        if (client.refused()) {
            return client.lockedUntil();
        }
        Outcome recipient = throttle.hit(throttle.key("provisional-recipient", mailbox(email)), perRecipient);
        return recipient.refused() ? recipient.lockedUntil() : Optional.empty();
    }

    /**
     * The mailbox an address reaches: domains are case-insensitive and most providers ignore the case of the local
     * part and deliver {@code name+anything@} to {@code name@}, so all those spellings count as one recipient. Gmail
     * also ignores dots in the local part and answers to googlemail.com: {@code t.a.r.o@} has a few thousand spellings
     * that would each count as a recipient of its own.
     */
    static String mailbox(String email) {
        String address = EmailAddresses.normalize(email);
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return address;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (GMAIL.contains(domain)) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }
}
