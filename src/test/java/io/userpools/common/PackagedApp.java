package io.userpools.common;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
