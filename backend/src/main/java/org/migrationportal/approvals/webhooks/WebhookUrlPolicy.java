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
 * private, link-local, unique-local or multicast address (server-side request forgery into the portal's network).
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

    /** Checked again before every attempt: a name may resolve elsewhere later (DNS rebinding). */
    Optional<String> addressProblem(String host) {
        if (settings.allowPrivateAddresses()) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isPrivate(address)) {
                    return Optional.of("resolves to a private or loopback address (" + address.getHostAddress()
                            + "); set portal.approvals.webhooks.allow-private-addresses=true to allow it");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("names a host that cannot be resolved");
        }
    }

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
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 100 && second >= 64 && second <= 127 // 100.64.0.0/10 carrier-grade NAT
                || first == 0
                || first >= 240; // "this network", reserved
    }
}
