package org.migrationportal.approvals.webhooks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only resolver: each connection resolves the host once, the URL policy judges exactly
 * those addresses, and the client connects to one of them. There is no second look-up an attacker's DNS
 * server could answer differently (DNS rebinding).
 */
final class ValidatingDnsResolver implements DnsResolver {

    private final HostResolver resolver;
    private final WebhookUrlPolicy policy;

    ValidatingDnsResolver(HostResolver resolver, WebhookUrlPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(name);
        var problem = policy.addressProblem(addresses);
        if (problem.isPresent()) {
            throw new RefusedAddressException(host + " " + problem.get());
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // never used for connecting; a reverse look-up would only add a query an attacker answers
    }

    /** A host whose addresses the policy refuses; no connection was opened. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }
}
