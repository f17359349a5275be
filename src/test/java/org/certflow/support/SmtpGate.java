package org.certflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP gate in front of the test SMTP server: it passes connections through, or — held — takes them and never
 * says a word, as a relay that hangs would. A mail job caught there keeps its job locked until the SMTP timeout.
 */
public final class SmtpGate implements AutoCloseable {

    private final ServerSocket listener;
    private final int smtpPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean holding;

    public SmtpGate(int smtpPort) throws IOException {
        this.smtpPort = smtpPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on connections are taken and left without an answer. */
    public void hold() {
        holding = true;
    }

    /** From now on connections go through to the SMTP server. */
    public void pass() {
        holding = false;
    }

    /** How many connections were taken while holding. */
    public int heldConnections() {
        return held.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (holding) {
                    held.incrementAndGet();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), smtpPort);
                sockets.add(server);
                daemon(() -> pipe(client, server));
                daemon(() -> pipe(server, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "smtp-gate");
        thread.setDaemon(true);
        thread.start();
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException endOfConnection) {
            // either side closed: close the other too
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
