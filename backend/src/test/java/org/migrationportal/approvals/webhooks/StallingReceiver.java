package org.migrationportal.approvals.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on a loopback socket that answers the status line and headers at once, promises a
 * megabyte of body and then trickles one byte every 100 ms: never silent long enough for a socket timeout,
 * never finished. Only a total deadline ends an attempt against it.
 */
public final class StallingReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    public final AtomicInteger requests = new AtomicInteger();

    public StallingReceiver() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "stalling-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                readHeaders(socket.getInputStream());
                requests.incrementAndGet();
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                trickle.scheduleAtFixedRate(
                        () -> {
                            try {
                                out.write('.');
                                out.flush();
                            } catch (IOException closedByClient) {
                                throw new IllegalStateException(closedByClient); // ends this trickle
                            }
                        },
                        100,
                        100,
                        TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client went away");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        trickle.shutdownNow();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
