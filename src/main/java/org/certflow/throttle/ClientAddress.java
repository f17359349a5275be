package org.certflow.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The client a throttle counts: an IPv4 address, or the /64 network of an IPv6 address. One IPv6 subscriber
 * usually holds a whole /64 and can pick a new address for every request; counting single IPv6 addresses would
 * give them 2^64 fresh budgets.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** @param remoteAddress {@code request.getRemoteAddr()}; only an IPv6 literal is parsed, nothing is looked up */
    public static String of(String remoteAddress) {
        String address = remoteAddress == null ? "" : remoteAddress.strip();
        if (!address.contains(":")) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
