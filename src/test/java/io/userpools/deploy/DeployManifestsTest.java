package io.userpools.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each kustomize overlay under {@code deploy/overlays} with {@code kubectl kustomize} and
 * checks that every object is a valid Kubernetes object (unknown fields fail) and that the pods
 * are hardened, probed and sized as the deployment guide promises.
 *
 * <p>Plain JUnit: no Quarkus, no database. Needs {@code kubectl} on the PATH (or in the
 * {@code KUBECTL} environment variable); it fails, never skips, when kubectl is missing
 * ({@code .ci/ensure-kubectl} installs it).
 */
class DeployManifestsTest {

    private static final Path PROJECT_DIR = Path.of("").toAbsolutePath();
    private static final String CNPG_API_VERSION = "postgresql.cnpg.io/v1";
    private static final String APP = "userpools";

    /** Splits kustomize's multi-document output. */
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Knows which fabric8 class models each built-in apiVersion/kind. */
    private static final KubernetesSerialization KINDS = new KubernetesSerialization();

    /**
     * Binds documents to the fabric8 model and fails on any field the model does not know.
     *
     * <p>FAIL_ON_UNKNOWN_PROPERTIES alone is not enough: every fabric8 model class collects unknown
     * fields in an {@code additionalProperties} map through {@code @JsonAnySetter}. The modifier
     * removes that catch-all so an unknown field reaches Jackson's unknown-property check.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("strict-kubernetes").setDeserializerModifier(new NoCatchAllProperties()))
            .build();

    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyRenderedObjectIsAValidKubernetesObject(String overlay) {
        Rendered rendered = rendered(overlay);

        assertThat(rendered.documents()).isNotEmpty();
        for (HasMetadata object : rendered.typed()) {
            assertThat(object.getMetadata().getName()).as("name of a %s", object.getKind()).isNotBlank();
        }
        assertThat(kinds(rendered)).contains(
                "Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void podsRunAsNonRootOnAReadOnlyFileSystem(String overlay) {
        PodSpec pod = appDeployment(overlay).getSpec().getTemplate().getSpec();
        Container container = appContainer(pod);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(pod.getSecurityContext().getFsGroup()).isNotNull();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();

        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        String tmpVolume = container.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow(() -> new AssertionError("no volume at /tmp")).getName();
        assertThat(pod.getVolumes())
                .anySatisfy(volume -> {
                    assertThat(volume.getName()).isEqualTo(tmpVolume);
                    assertThat(volume.getEmptyDir()).isNotNull();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void healthProbesAndMetricsUseTheHttpPort(String overlay) {
        Deployment deployment = appDeployment(overlay);
        Container container = appContainer(deployment.getSpec().getTemplate().getSpec());

        assertThat(container.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertHttpProbe(container.getStartupProbe(), "/q/health/started");
        assertHttpProbe(container.getLivenessProbe(), "/q/health/live");
        assertHttpProbe(container.getReadinessProbe(), "/q/health/ready");

        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "8080")
                .containsEntry("prometheus.io/path", "/q/metrics");

        Service service = only(rendered(overlay), Service.class, APP);
        assertThat(service.getSpec().getPorts()).anySatisfy(port -> {
            assertThat(port.getPort()).isEqualTo(8080);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(service.getSpec().getSelector())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void shutsDownGracefullyWithinTheGracePeriod(String overlay) {
        Rendered rendered = rendered(overlay);
        PodSpec pod = appDeployment(overlay).getSpec().getTemplate().getSpec();
        Container container = appContainer(pod);

        long grace = pod.getTerminationGracePeriodSeconds();
        assertThat(grace).isEqualTo(30L);
        var preStopSleep = container.getLifecycle().getPreStop().getSleep();
        assertThat(preStopSleep).as("preStop sleep action").isNotNull();

        ConfigMap config = configMapUsedBy(rendered, container);
        String timeout = config.getData().get("QUARKUS_SHUTDOWN_TIMEOUT");
        assertThat(timeout).as("QUARKUS_SHUTDOWN_TIMEOUT").matches("\\d+s");
        long shutdownSeconds = Long.parseLong(timeout.substring(0, timeout.length() - 1));
        assertThat(preStopSleep.getSeconds() + shutdownSeconds)
                .as("preStop sleep + shutdown timeout must leave time to exit")
                .isLessThan(grace);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void configurationComesFromTheConfigMapAndNamedSecrets(String overlay) {
        Rendered rendered = rendered(overlay);
        Container container = appContainer(appDeployment(overlay).getSpec().getTemplate().getSpec());

        assertThat(configMapUsedBy(rendered, container).getData()).containsKeys(
                "USERPOOLS_REGION", "QUARKUS_SHUTDOWN_TIMEOUT", "QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT",
                "QUARKUS_MAILER_FROM", "USERPOOLS_SMS_GATEWAY_URL");

        Map<String, EnvVar> env = container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, var -> var));
        for (String name : List.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "USERPOOLS_ADMIN_KEYS", "USERPOOLS_METRICS_KEYS",
                "USERPOOLS_TOKEN_KEY_ENCRYPTION_KEY",
                "USERPOOLS_CODES_HMAC_KEY", "USERPOOLS_OUTBOX_ENCRYPTION_KEY", "QUARKUS_MAILER_USERNAME",
                "QUARKUS_MAILER_PASSWORD", "USERPOOLS_SMS_GATEWAY_TOKEN")) {
            assertThat(env).as("environment").containsKey(name);
            assertThat(env.get(name).getValue()).as("%s must not carry a literal value", name).isNull();
            assertThat(env.get(name).getValueFrom().getSecretKeyRef()).as("%s from a secret", name).isNotNull();
        }
        // scrape-only keys are optional: a Secret without them still starts the pod
        assertThat(env.get("USERPOOLS_METRICS_KEYS").getValueFrom().getSecretKeyRef().getOptional()).isTrue();
    }

    @Test
    void prodRunsAtLeastTwoNativeReplicasOnDifferentNodesWithRequestsAndLimits() {
        Deployment deployment = appDeployment("prod");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = appContainer(pod);

        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(only(rendered("prod"), HorizontalPodAutoscaler.class, APP).getSpec().getMinReplicas())
                .isGreaterThanOrEqualTo(2);
        assertThat(container.getImage()).contains("native");

        boolean spreadOverNodes = pod.getTopologySpreadConstraints().stream()
                .anyMatch(constraint -> constraint.getTopologyKey().equals("kubernetes.io/hostname")
                        && constraint.getWhenUnsatisfiable().equals("DoNotSchedule"));
        boolean antiAffinity = pod.getAffinity() != null && pod.getAffinity().getPodAntiAffinity() != null;
        assertThat(spreadOverNodes || antiAffinity).as("replicas spread across nodes").isTrue();

        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKeys("cpu", "memory");
        assertThat(Quantity.getAmountInBytes(limits.get("memory")))
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
    }

    @Test
    void prodReadsTheDatabaseFromTheSecretOfAThreeInstanceCloudNativePgCluster() {
        Rendered prod = rendered("prod");

        List<JsonNode> clusters = prod.custom().stream()
                .filter(node -> node.path("apiVersion").asText().equals(CNPG_API_VERSION)
                        && node.path("kind").asText().equals("Cluster"))
                .toList();
        assertThat(clusters).hasSize(1);
        JsonNode cluster = clusters.get(0);
        assertThat(cluster.path("metadata").path("name").asText()).isNotBlank();
        assertThat(cluster.path("spec").isObject()).isTrue();
        assertThat(cluster.path("spec").path("instances").isInt()).isTrue();
        assertThat(cluster.path("spec").path("instances").asInt()).isEqualTo(3);
        // the settings of deploy/postgresql.md for pools of millions of users
        JsonNode parameters = cluster.path("spec").path("postgresql").path("parameters");
        assertThat(parameters.path("shared_buffers").asText()).isEqualTo("1GB");
        assertThat(parameters.path("wal_compression").asText()).isEqualTo("lz4");
        assertThat(parameters.path("max_wal_size").asText()).isNotBlank();

        String operatorSecret = cluster.path("metadata").path("name").asText() + "-app";
        for (String name : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            assertThat(secretRef(appDeployment("prod"), name).getName()).as(name).isEqualTo(operatorSecret);
        }
        assertThat(prod.typed()).as("prod commits no Secret").noneMatch(Secret.class::isInstance);
    }

    @Test
    void devRunsOneJvmReplicaAgainstItsOwnPostgres() {
        Rendered dev = rendered("dev");
        Deployment deployment = appDeployment("dev");

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(appContainer(deployment.getSpec().getTemplate().getSpec()).getImage()).contains("jvm");
        assertThat(only(dev, HorizontalPodAutoscaler.class, APP).getSpec().getMaxReplicas()).isEqualTo(1);
        assertThat(dev.custom()).isEmpty();

        StatefulSet postgres = dev.typed().stream()
                .filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no PostgreSQL StatefulSet"));
        assertThat(postgres.getSpec().getReplicas()).isEqualTo(1);
        assertThat(dev.typed()).anyMatch(object -> object instanceof Service
                && object.getMetadata().getName().equals(postgres.getSpec().getServiceName()));

        // The only Secret in any overlay: the generated dev-only credentials of that database.
        List<Secret> secrets = dev.typed().stream()
                .filter(Secret.class::isInstance).map(Secret.class::cast).toList();
        assertThat(secrets).singleElement()
                .satisfies(secret -> assertThat(secret.getMetadata().getName()).startsWith("userpools-db-"));
        String dbSecret = secrets.get(0).getMetadata().getName();
        assertThat(secretRef(deployment, "QUARKUS_DATASOURCE_PASSWORD").getName()).isEqualTo(dbSecret);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void networkPolicyAdmitsTheNamespaceAndOnlyTheNeededEgress(String overlay) {
        NetworkPolicy policy = only(rendered(overlay), NetworkPolicy.class, APP);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsAllEntriesOf(appDeployment(overlay).getSpec().getSelector().getMatchLabels());
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement()
                    .satisfies(peer -> assertThat(peer.getNamespaceSelector()).isNull());
            assertThat(ports(rule.getPorts())).containsExactly(8080);
        });
        Set<Integer> egress = policy.getSpec().getEgress().stream()
                .flatMap(rule -> ports(rule.getPorts()).stream())
                .collect(Collectors.toSet());
        assertThat(egress).containsExactlyInAnyOrder(53, 5432, 587, 25, 443);

        assertThat(only(rendered(overlay), PodDisruptionBudget.class, APP).getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(appDeployment(overlay).getSpec().getSelector().getMatchLabels());
        assertThat(only(rendered(overlay), ServiceAccount.class, APP).getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void strictParsingRejectsAnUnknownField() {
        JsonNode misspelt = readYaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: misspelt
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: app
                          securityContxt:
                            runAsNonRoot: true
                """).get(0);

        assertThatThrownBy(() -> toTyped(misspelt))
                .hasRootCauseInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("securityContxt");
    }

    @Test
    void strictParsingRejectsAnUnknownKind() {
        JsonNode unknown = readYaml("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscalr
                metadata:
                  name: typo
                """).get(0);

        assertThatThrownBy(() -> toTyped(unknown)).hasMessageContaining("HorizontalPodAutoscalr");
    }

    // ---- rendering and parsing ----

    private record Rendered(List<JsonNode> documents, List<HasMetadata> typed, List<JsonNode> custom) {
    }

    private static Rendered rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, DeployManifestsTest::render);
    }

    private static Rendered render(String overlay) {
        Path dir = PROJECT_DIR.resolve("deploy/overlays").resolve(overlay);
        assertThat(dir.resolve("kustomization.yaml")).exists();
        List<JsonNode> documents = readYaml(kustomize(dir));
        List<HasMetadata> typed = new ArrayList<>();
        List<JsonNode> custom = new ArrayList<>();
        for (JsonNode document : documents) {
            if (isCustomResource(document)) {
                custom.add(document);
            } else {
                typed.add(toTyped(document));
            }
        }
        return new Rendered(documents, typed, custom);
    }

    /** Runs {@code kubectl kustomize dir} and returns its output; fails when kubectl cannot run. */
    private static String kustomize(Path dir) {
        String kubectl = Objects.requireNonNullElse(System.getenv("KUBECTL"), "kubectl");
        Path stderr = null;
        try {
            stderr = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("kubectl kustomize %s did not finish within 120 s", dir);
            }
            if (process.exitValue() != 0) {
                return fail("kubectl kustomize %s failed (exit %d):%n%s", dir, process.exitValue(),
                        Files.readString(stderr));
            }
            return output;
        } catch (IOException e) {
            return fail("cannot run '%s kustomize' (%s): install kubectl with .ci/ensure-kubectl "
                    + "(Debian package kubernetes-client) or point KUBECTL at it", kubectl, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running kubectl kustomize");
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a leftover temp file does not matter
                }
            }
        }
    }

    private static List<JsonNode> readYaml(String yaml) {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode> readValues(yaml)) {
            List<JsonNode> result = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    result.add(document);
                }
            }
            return result;
        } catch (IOException e) {
            throw new AssertionError("kustomize output is not YAML", e);
        }
    }

    /** CloudNativePG's Cluster is the one custom resource the overlays may use. */
    private static boolean isCustomResource(JsonNode document) {
        return document.path("apiVersion").asText().equals(CNPG_API_VERSION)
                && document.path("kind").asText().equals("Cluster");
    }

    /** Binds a built-in object to its fabric8 class; unknown kinds and unknown fields fail. */
    private static HasMetadata toTyped(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        Class<? extends KubernetesResource> type = KINDS.getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
            throw new AssertionError("not a built-in Kubernetes kind: " + apiVersion + " " + kind);
        }
        try {
            HasMetadata object = (HasMetadata) STRICT.treeToValue(document, type);
            assertThat(object.getApiVersion()).isEqualTo(apiVersion);
            assertThat(object.getKind()).isEqualTo(kind);
            return object;
        } catch (IOException e) {
            throw new AssertionError("invalid " + apiVersion + " " + kind + " "
                    + document.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
        }
    }

    /** Removes fabric8's {@code @JsonAnySetter} catch-all so unknown fields are reported. */
    private static final class NoCatchAllProperties extends BeanDeserializerModifier {
        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                BeanDeserializerBuilder builder) {
            if (description.getBeanClass().getName().startsWith("io.fabric8.kubernetes.api.model.")
                    && builder.getAnySetter() != null) {
                builder.setAnySetter(null);
            }
            return builder;
        }
    }

    // ---- lookups and assertions ----

    private static Set<String> kinds(Rendered rendered) {
        return rendered.documents().stream().map(node -> node.path("kind").asText()).collect(Collectors.toSet());
    }

    private static <T extends HasMetadata> T only(Rendered rendered, Class<T> type, String name) {
        List<T> matches = rendered.typed().stream()
                .filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name))
                .toList();
        assertThat(matches).as("%s %s", type.getSimpleName(), name).hasSize(1);
        return matches.get(0);
    }

    private static Deployment appDeployment(String overlay) {
        return only(rendered(overlay), Deployment.class, APP);
    }

    private static Container appContainer(PodSpec pod) {
        return pod.getContainers().stream()
                .filter(container -> container.getName().equals(APP))
                .findFirst().orElseThrow(() -> new AssertionError("no container " + APP));
    }

    private static ConfigMap configMapUsedBy(Rendered rendered, Container container) {
        List<String> names = container.getEnvFrom().stream()
                .filter(source -> source.getConfigMapRef() != null)
                .map(source -> source.getConfigMapRef().getName())
                .toList();
        assertThat(names).hasSize(1);
        return rendered.typed().stream()
                .filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getMetadata().getName().equals(names.get(0)))
                .findFirst().orElseThrow(() -> new AssertionError("ConfigMap " + names.get(0) + " is not rendered"));
    }

    private static SecretKeySelector secretRef(Deployment deployment, String variable) {
        return appContainer(deployment.getSpec().getTemplate().getSpec()).getEnv().stream()
                .filter(env -> env.getName().equals(variable))
                .findFirst().orElseThrow(() -> new AssertionError("no variable " + variable))
                .getValueFrom().getSecretKeyRef();
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe for %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        var port = probe.getHttpGet().getPort();
        assertThat("http".equals(port.getStrVal()) || Integer.valueOf(8080).equals(port.getIntVal()))
                .as("%s probes port http (8080)", path).isTrue();
    }

    private static List<Integer> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(port -> port.getPort().getIntVal()).toList();
    }
}
