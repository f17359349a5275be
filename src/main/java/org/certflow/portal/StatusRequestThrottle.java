package org.certflow.portal;

import java.time.Instant;
import java.util.Optional;

import org.certflow.throttle.ClientAddress;
import org.certflow.throttle.Throttle;
import org.certflow.throttle.Throttle.Limit;
import org.certflow.throttle.Throttle.Outcome;
import org.springframework.stereotype.Component;

/**
 * Counts requests for a status link per client address and per mailbox typed, see {@link StatusPageSettings}. Every
 * request counts, whether its order number and address match or not: a limit that counted only matches would tell
 * a stranger which pair is right.
 */
@Component
class StatusRequestThrottle {

    private final Throttle throttle;
    private final Limit perClient;
    private final Limit perRecipient;

    StatusRequestThrottle(Throttle throttle, StatusPageSettings settings) {
        this.throttle = throttle;
        this.perClient = Limit.perWindow(settings.perClient(), settings.clientWindow());
        this.perRecipient = Limit.perWindow(settings.perRecipient(), settings.recipientWindow());
    }

    /** Counts one request for a status link; returns until when it is refused, if it is. */
    Optional<Instant> refusedUntil(String clientAddress, String email) {
        Outcome client = throttle.hit(throttle.key("status-client", ClientAddress.of(clientAddress)), perClient);
        if (client.refused()) {
            return client.lockedUntil();
        }
        return recipient("status-recipient", email);
    }

    /** Counts one main application link sent again from the status page, against the applicant's mailbox. */
    Optional<Instant> resendRefusedUntil(String email) {
        return recipient("status-resend", email);
    }

    private Optional<Instant> recipient(String kind, String email) {
        Outcome recipient = throttle.hit(throttle.key(kind, ProvisionalApplicationThrottle.mailbox(email)),
                perRecipient);
        return recipient.refused() ? recipient.lockedUntil() : Optional.empty();
    }
}
