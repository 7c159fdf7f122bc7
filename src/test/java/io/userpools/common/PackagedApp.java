package io.userpools.common;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The jar that the build made (target/quarkus-app), started in its own process with the test
 * JVM's java and the ITs' environment (the prod profile, its keys and QUARKUS_DATASOURCE_*), plus
 * the given overrides; its console goes to a temporary file.
 */
final class PackagedApp implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    final Process process;
    private final File output;

    private PackagedApp(Process process, File output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the jar; {@code env} entries with a null value are removed from the environment. */
    static PackagedApp start(Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true);
        File output = Files.createTempFile("packaged-app", ".log").toFile();
        builder.redirectOutput(output);
        Map<String, String> environment = builder.environment();
        env.forEach((name, value) -> {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        return new PackagedApp(builder.start(), output);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits (up to 120 s) until the app on this port answers ready; fails if it stops first. */
    void awaitReady(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the service stopped before it was ready:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready within 120 s:\n" + log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
    }

    String log() throws IOException {
        return Files.readString(output.toPath(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        output.delete();
    }
}
