package org.migrationportal.approvals.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into addresses: the system resolver in production, a scripted one in tests. */
@FunctionalInterface
interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
