package io.userpools.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Api;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the Python client that OpenAPI Generator ({@code python}) makes from the service's own document
 * (pom.xml, generate-test-sources) runs the admin flow of GeneratedJavaClientTest against the running service,
 * with no hand edits: src/test/python/generated_client_flow.py, in a Python that has the client's runtime
 * dependencies (pydantic 2.11+, urllib3 2.7+, python-dateutil, typing-extensions). Such a Python comes with this
 * project's machines (README, "OpenAPI clients"); USERPOOLS_PYTHON names another.
 */
@QuarkusTest
class GeneratedPythonClientTest {

    private static final Path CLIENT = Path.of("target", "generated-test-sources", "openapi-python");
    private static final Path FLOW = Path.of("src", "test", "python", "generated_client_flow.py");
    /** Fails unless the generated package imports and its dependencies are recent enough. */
    private static final String PROBE = "import userpools_client, pydantic, urllib3\n"
            + "v = lambda s: tuple(int(p) for p in s.split('.')[:2])\n"
            + "assert v(pydantic.VERSION) >= (2, 11) and v(urllib3.__version__) >= (2, 7)\n";

    @TestHTTPResource("/")
    URI base;

    @Test
    void theAdminFlowRunsThroughTheGeneratedPythonClient() throws Exception {
        assertThat(CLIENT.resolve("userpools_client")).as("the generated Python client").isDirectory();
        String python = python();
        Result flow = run(List.of(python, FLOW.toString(), base.toString(), Api.ADMIN_SECRET), 120);
        assertThat(flow.exit()).as("generated_client_flow.py:%n%s", flow.output()).isZero();
        assertThat(flow.output()).contains("ok delete an attribute with null", "ok a stale ETag is a typed 412",
                "ok an unknown attribute is a typed InvalidParameterException", "ok delete user and pool")
                .containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    /** The first Python that runs the generated client: USERPOOLS_PYTHON, python3 on the path, pyenv's. */
    private static String python() throws Exception {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("USERPOOLS_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "python3").toString());
        List<String> refused = new ArrayList<>();
        for (String candidate : candidates) {
            Result probe = run(List.of(candidate, "-c", PROBE), 60);
            if (probe.exit() == 0) {
                return candidate;
            }
            refused.add(candidate + ": " + probe.output().strip());
        }
        throw new AssertionError("no Python runs the generated client (it needs pydantic >= 2.11 and urllib3 >= 2.7;"
                + " set USERPOOLS_PYTHON): " + refused);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int seconds) throws Exception {
        Path log = Files.createTempFile("python-client", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("PYTHONPATH", CLIENT.toAbsolutePath().toString());
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process;
            try {
                process = builder.start();
            } catch (IOException notThere) {
                return new Result(-1, notThere.getMessage());
            }
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + seconds + " s: " + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
