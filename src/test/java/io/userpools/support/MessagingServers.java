package io.userpools.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Real servers for message delivery inside the test JVM: a GreenMail SMTP server (the mailer
 * sends to it for real) and an HTTP SMS gateway that records what it receives. Tests reach them
 * through {@link Mailbox} and {@link SmsGateway}.
 */
public class MessagingServers implements QuarkusTestResourceLifecycleManager {

    public static final String GATEWAY_TOKEN = "test-sms-gateway-token";

    private GreenMail greenMail;
    private HttpServer gateway;

    @Override
    public Map<String, String> start() {
        int smtpPort = freePort();
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        Mailbox.use(greenMail);
        try {
            gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gateway.createContext("/sms", SmsGateway::handle);
        // a call that hangs (SmsGateway.HANGING) must not hold up the others
        gateway.setExecutor(Executors.newCachedThreadPool());
        gateway.start();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtpPort),
                "quarkus.mailer.from", "noreply@userpools.test",
                "quarkus.mailer.start-tls", "DISABLED",
                "userpools.sms.gateway-url", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms",
                "userpools.sms.gateway-token", GATEWAY_TOKEN);
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
