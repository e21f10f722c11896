package org.migrationportal.approvals.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which webhook URLs the portal will call: absolute http/https URLs with a host, no credentials in the URL
 * (they would show up in pages and logs: use the signing secret instead), and — unless
 * {@code portal.approvals.webhooks.allow-private-addresses} is set — no host that resolves to a loopback,
 * private, link-local, unique-local or multicast address (server-side request forgery into the portal's network),
 * nor an IPv6 address that embeds such an IPv4 address. The sender checks the addresses it actually
 * connects to ({@link ValidatingDnsResolver}), so a name that resolves elsewhere later (DNS rebinding) gains nothing.
 */
@Component
class WebhookUrlPolicy {

    private final WebhookSettings settings;

    WebhookUrlPolicy(WebhookSettings settings) {
        this.settings = settings;
    }

    /** The reason the URL is refused, or empty when it may be used. Resolves the host when private addresses are refused. */
    Optional<String> problemWith(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (url.length() > 2000) {
            return Optional.of("must be at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of(
                    "must not contain credentials (user:password@); the portal signs each body with the webhook's secret");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not contain a fragment (#…)");
        }
        return addressProblem(uri.getHost());
    }

    /** The reason the host is refused, resolving it now; the sender checks the addresses it connects to instead. */
    Optional<String> addressProblem(String host) {
        if (settings.allowPrivateAddresses()) {
            return Optional.empty();
        }
        try {
            return addressProblem(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return Optional.of("names a host that cannot be resolved");
        }
    }

    /** The reason these addresses (one resolution of a host) may not be connected to, or empty. */
    Optional<String> addressProblem(InetAddress[] addresses) {
        if (settings.allowPrivateAddresses()) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return Optional.of("resolves to a private or loopback address (" + address.getHostAddress()
                        + "); set portal.approvals.webhooks.allow-private-addresses=true to allow it");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the address reaches the portal's own networks. IPv6 forms that carry an IPv4 address
     * (IPv4-compatible {@code ::a.b.c.d}, mapped {@code ::ffff:a.b.c.d}, NAT64 {@code 64:ff9b::/96} and the
     * local-use {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32}) are judged by the IPv4
     * address they lead to.
     */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return isPrivateIpv6(bytes);
        }
        return isPrivateIpv4(bytes);
    }

    private static boolean isPrivateIpv6(byte[] bytes) {
        if ((bytes[0] & 0xfe) == 0xfc) {
            return true; // fc00::/7 unique local
        }
        if ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0xc0) {
            return true; // fec0::/10 site local (deprecated, still routed by some stacks)
        }
        if (startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                || startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)) {
            return embeddedIpv4IsPrivate(bytes, 12, false); // ::a.b.c.d and ::ffff:a.b.c.d
        }
        if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            return embeddedIpv4IsPrivate(bytes, 12, false); // NAT64 well-known prefix
        }
        if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return true; // local-use NAT64 (RFC 8215): translates to the operator's own networks
        }
        if (startsWith(bytes, 0x20, 0x02)) {
            return embeddedIpv4IsPrivate(bytes, 2, false); // 6to4
        }
        if (startsWith(bytes, 0x20, 0x01, 0x00, 0x00)) {
            return embeddedIpv4IsPrivate(bytes, 12, true); // Teredo: the client address, inverted
        }
        return false;
    }

    private static boolean embeddedIpv4IsPrivate(byte[] bytes, int offset, boolean inverted) {
        byte[] ipv4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            ipv4[i] = (byte) (inverted ? ~bytes[offset + i] : bytes[offset + i]);
        }
        try {
            InetAddress embedded = InetAddress.getByAddress(ipv4);
            return embedded.isLoopbackAddress()
                    || embedded.isAnyLocalAddress()
                    || embedded.isLinkLocalAddress()
                    || embedded.isSiteLocalAddress()
                    || embedded.isMulticastAddress()
                    || isPrivateIpv4(ipv4);
        } catch (UnknownHostException impossible) {
            return true;
        }
    }

    private static boolean isPrivateIpv4(byte[] bytes) {
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 100 && second >= 64 && second <= 127 // 100.64.0.0/10 carrier-grade NAT
                || first == 192 && second == 0 && (bytes[2] & 0xff) == 0 // 192.0.0.0/24 IETF protocol assignments
                || first == 198 && (second == 18 || second == 19) // 198.18.0.0/15 benchmarking
                || first == 0
                || first >= 240; // "this network", reserved
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
