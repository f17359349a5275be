package org.certflow.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP gate between certflow and the test relay that passes the SMTP conversation through, except once: armed, it
 * holds back the relay's answer to the end of the next mail's DATA. The relay has then accepted and stored the mail,
 * while certflow is still waiting to hear so and has not committed that it sent it: the one window in which a
 * killed JVM leaves a mail that the retry sends again.
 */
final class RelayAcceptanceGate implements AutoCloseable {

    private final ServerSocket listener;
    private final int relayPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    RelayAcceptanceGate(int relayPort) throws IOException {
        this.relayPort = relayPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The relay's acceptance of the next mail that ends its DATA is held back until {@link #release}. */
    void holdNextAcceptance() {
        armed.set(true);
    }

    /** Waits until an acceptance is held: the relay has the mail, the sender does not know yet. */
    boolean awaitHeld(Duration patience) throws InterruptedException {
        return held.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held acceptance go on to whoever is still listening. */
    void release() {
        released.countDown();
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket relay = new Socket(InetAddress.getLoopbackAddress(), relayPort);
                sockets.add(client);
                sockets.add(relay);
                daemon(() -> pipe(client, relay));
                daemon(() -> answers(relay, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** The relay's replies, line by line: the one after {@code 354} (go ahead with the data) ends the mail. */
    private void answers(Socket relay, Socket client) {
        try (InputStream in = new BufferedInputStream(relay.getInputStream());
             OutputStream out = client.getOutputStream()) {
            boolean dataSent = false;
            for (byte[] line = line(in); line != null; line = line(in)) {
                String reply = new String(line, StandardCharsets.US_ASCII);
                if (dataSent && reply.startsWith("250") && armed.compareAndSet(true, false)) {
                    held.countDown();
                    released.await();
                }
                dataSent = reply.startsWith("354");
                out.write(line);
                out.flush();
            }
        } catch (IOException | InterruptedException endOfConnection) {
            // either side closed, the sender perhaps killed
        } finally {
            closeQuietly(relay, client);
        }
    }

    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException endOfConnection) {
            // either side closed: close the other too
        } finally {
            closeQuietly(from, to);
        }
    }

    private static void closeQuietly(Socket one, Socket other) {
        try {
            one.close();
            other.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "relay-acceptance-gate");
        thread.setDaemon(true);
        thread.start();
    }
}
