package io.userpools.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.userpools.support.Api;
import io.userpools.support.Auth;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clients users have, from Debian's packages ({@code python3-boto3}, {@code awscli}; .ci/run
 * installs them), against the packaged service: the seeds' call (create a pool and a user,
 * AdminUpdateUserAttributes, AdminGetUser), its common errors (unknown attribute, unknown user) and
 * a self-service UpdateUserAttributes with an access token. boto3 runs
 * {@code src/test/python/aws_smoke.py}; the AWS CLI runs command by command from here. Neither is
 * optional: without them the test fails and says how to install them.
 */
@QuarkusIntegrationTest
class AwsCliSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_ID = "test";
    private static final String REGION = "us-east-1";
    private static final String INSTALL = "install Debian's packages: apt-get install -y python3-boto3 awscli"
            + " (.ci/run does); AWS_SMOKE_PYTHON and AWS_SMOKE_CLI name other executables";
    /** Debian's executables when present (what CI installs), else whatever the PATH has. */
    private static final String PYTHON = executable("AWS_SMOKE_PYTHON", "/usr/bin/python3", "python3");
    private static final String AWS = executable("AWS_SMOKE_CLI", "/usr/bin/aws", "aws");

    /** One finished process: exit status and both outputs. */
    record Run(List<String> command, int exit, String out, String err) {
        String describe() {
            return String.join(" ", command) + "\nexit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + describe(), e);
            }
        }
    }

    @BeforeAll
    static void clientsAreInstalled() throws Exception {
        Run boto3 = run(List.of(PYTHON, "-c", "import boto3; print(boto3.__version__)"), Map.of());
        if (boto3.exit != 0) {
            fail("boto3 is missing for " + PYTHON + ": " + INSTALL + "\n" + boto3.describe());
        }
        Run cli = run(List.of(AWS, "--version"), Map.of());
        if (cli.exit != 0) {
            fail("the AWS CLI is missing (" + AWS + "): " + INSTALL + "\n" + cli.describe());
        }
    }

    @Test
    void boto3SeedsCallErrorsAndSelfService() throws Exception {
        Path script = Path.of("src", "test", "python", "aws_smoke.py");
        assertThat(script).exists();
        Run smoke = run(List.of(PYTHON, script.toString()), Map.of("AWS_SMOKE_ENDPOINT", endpoint(),
                "AWS_SMOKE_KEY_ID", KEY_ID, "AWS_SMOKE_SECRET", Api.ADMIN_SECRET, "AWS_SMOKE_REGION", REGION));
        assertThat(smoke.exit).as(smoke.describe()).isZero();
        assertThat(smoke.out).as(smoke.describe())
                .contains("admin_update_user_attributes: 200", "UserNotFoundException 'User does not exist.'",
                        "update_user_attributes: 200")
                .endsWith("aws_smoke: OK\n");
    }

    @Test
    void awsCliSeedsCallErrorsAndSelfService() throws Exception {
        String pool = ok(aws("create-user-pool", "--pool-name", "cli smoke")).json().path("UserPool").path("Id")
                .asText();
        assertThat(pool).startsWith(REGION + "_");
        String client = ok(aws("create-user-pool-client", "--user-pool-id", pool, "--client-name", "cli",
                "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
                .json().path("UserPoolClient").path("ClientId").asText();
        assertThat(client).isNotBlank();
        JsonNode user = ok(aws("admin-create-user", "--user-pool-id", pool, "--username", "bob",
                "--message-action", "SUPPRESS", "--user-attributes", "Name=email,Value=bob@example.com"))
                .json().path("User");
        assertThat(user.path("Username").asText()).isEqualTo("bob");
        assertThat(attributes(user.path("Attributes"))).containsEntry("email", "bob@example.com");

        Run update = ok(aws("admin-update-user-attributes", "--user-pool-id", pool, "--username", "bob",
                "--user-attributes", "Name=given_name,Value=Bob", "Name=family_name,Value=Builder"));
        assertThat(update.out).as(update.describe()).isBlank();
        Map<String, String> got = attributes(ok(aws("admin-get-user", "--user-pool-id", pool, "--username", "bob"))
                .json().path("UserAttributes"));
        assertThat(got).containsEntry("given_name", "Bob").containsEntry("family_name", "Builder").containsKey("sub");

        failsWith(aws("admin-update-user-attributes", "--user-pool-id", pool, "--username", "bob",
                "--user-attributes", "Name=custom:nope,Value=x"), "InvalidParameterException",
                "AdminUpdateUserAttributes", "Attribute does not exist in the schema.");
        failsWith(aws("admin-update-user-attributes", "--user-pool-id", pool, "--username", "nobody",
                "--user-attributes", "Name=given_name,Value=N"), "UserNotFoundException",
                "AdminUpdateUserAttributes", "User does not exist.");
        failsWith(aws("admin-get-user", "--user-pool-id", pool, "--username", "nobody"), "UserNotFoundException",
                "AdminGetUser", "User does not exist.");

        ok(aws("admin-set-user-password", "--user-pool-id", pool, "--username", "bob", "--password", Auth.PASSWORD,
                "--permanent"));
        String parameters = JSON.writeValueAsString(Map.of("USERNAME", "bob", "PASSWORD", Auth.PASSWORD));
        String token = ok(aws("initiate-auth", "--client-id", client, "--auth-flow", "USER_PASSWORD_AUTH",
                "--auth-parameters", parameters)).json().path("AuthenticationResult").path("AccessToken").asText();
        assertThat(token).isNotBlank();
        ok(aws("update-user-attributes", "--access-token", token, "--user-attributes",
                "Name=given_name,Value=Robert"));
        assertThat(attributes(ok(aws("get-user", "--access-token", token)).json().path("UserAttributes")))
                .containsEntry("given_name", "Robert");
        failsWith(aws("update-user-attributes", "--access-token", token, "--user-attributes",
                "Name=custom:nope,Value=x"), "InvalidParameterException", "UpdateUserAttributes",
                "Attribute does not exist in the schema.");
        failsWith(aws("update-user-attributes", "--access-token", "not.a.token", "--user-attributes",
                "Name=given_name,Value=Mallory"), "NotAuthorizedException", "UpdateUserAttributes", null);
        assertThat(attributes(ok(aws("admin-get-user", "--user-pool-id", pool, "--username", "bob")).json()
                .path("UserAttributes"))).containsEntry("given_name", "Robert");
    }

    private static Run ok(Run run) {
        assertThat(run.exit).as(run.describe()).isZero();
        return run;
    }

    /** The CLI's report of a service error: exit 254 (v2; 255 in v1) and Cognito's code on stderr. */
    private static void failsWith(Run run, String code, String operation, String text) {
        assertThat(run.exit).as(run.describe()).isIn(254, 255);
        assertThat(run.err).as(run.describe())
                .contains("An error occurred (" + code + ") when calling the " + operation + " operation");
        if (text != null) {
            assertThat(run.err).as(run.describe()).contains(text);
        }
    }

    private static Map<String, String> attributes(JsonNode list) {
        Map<String, String> map = new HashMap<>();
        list.forEach(a -> map.put(a.path("Name").asText(), a.path("Value").asText()));
        return map;
    }

    private static String endpoint() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** {@code aws cognito-idp <args>} against the service, with the test admin key and nothing of the host's. */
    private static Run aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS, "cognito-idp"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint(), "--region", REGION, "--output", "json"));
        return run(command, Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", Api.ADMIN_SECRET,
                "AWS_CONFIG_FILE", "/nonexistent/aws-config", "AWS_SHARED_CREDENTIALS_FILE",
                "/nonexistent/aws-credentials", "AWS_EC2_METADATA_DISABLED", "true", "AWS_MAX_ATTEMPTS", "1",
                "AWS_PAGER", "", "AWS_CLI_AUTO_PROMPT", "off"));
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(env);
        File out = Files.createTempFile("aws-smoke", ".out").toFile();
        File err = Files.createTempFile("aws-smoke", ".err").toFile();
        try {
            Process process;
            try {
                process = builder.redirectOutput(out).redirectError(err).start();
            } catch (IOException notThere) {
                return new Run(command, -1, "", notThere.toString());
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("no end within 120 s: " + String.join(" ", command) + "\n" + read(out) + "\n" + read(err));
            }
            return new Run(command, process.exitValue(), read(out), read(err));
        } finally {
            out.delete();
            err.delete();
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    private static String executable(String variable, String debian, String onPath) {
        String named = System.getenv(variable);
        if (named != null && !named.isBlank()) {
            return named;
        }
        return new File(debian).canExecute() ? debian : onPath;
    }
}
