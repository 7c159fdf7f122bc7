package io.userpools.common;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the OpenAPI document at {@code /q/openapi} (also {@code .json}, {@code .yaml},
 * {@code .yml}). The document is made at build by smallrye-open-api-maven-plugin (pom.xml, with
 * the filter OpenApiProblems) into {@code META-INF/openapi/}; nothing of it runs at start: each
 * format is read from the class path on its first request and kept.
 * <p>
 * The answers are those Quarkus' OpenAPI extension gave: YAML unless the path ends in
 * {@code .json}, or (on the bare path) {@code Accept} names {@code application/json} or
 * {@code format=json} (any case) is in the query; any method but OPTIONS gets the document,
 * OPTIONS gets {@code Allow} and falls through to the 404.
 */
@Singleton
public class OpenApiDocument {

    static final String PATH = "/q/openapi";
    static final String RESOURCE_DIR = "META-INF/openapi/";
    private static final String JSON = "application/json";
    private static final String YAML = "application/yaml";

    /** Each format's file, read on its first request. */
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        Handler<RoutingContext> serve = this::serve;
        // reading the file on the first request may block: a worker thread answers
        router.route(PATH).blockingHandler(serve, false);
        router.route(PATH + ".json").blockingHandler(serve, false);
        router.route(PATH + ".yaml").blockingHandler(serve, false);
        router.route(PATH + ".yml").blockingHandler(serve, false);
    }

    void serve(RoutingContext rc) {
        if (rc.request().method() == HttpMethod.OPTIONS) {
            rc.response().headers().set("Allow", "GET, HEAD, OPTIONS");
            rc.next();
            return;
        }
        boolean asJson = wantsJson(rc);
        rc.response().headers().set("Content-Type", (asJson ? JSON : YAML) + ";charset=UTF-8");
        rc.response().end(Buffer.buffer(documents.computeIfAbsent(asJson ? "openapi.json" : "openapi.yaml",
                OpenApiDocument::read)));
    }

    static boolean wantsJson(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.endsWith(".json")) {
            return true;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return false;
        }
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(JSON)) {
            return true;
        }
        var format = rc.queryParam("format");
        return !format.isEmpty() && "json".equalsIgnoreCase(format.get(0));
    }

    private static byte[] read(String name) {
        // this class' own loader: in dev mode it is the one of the current build of target/classes
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE_DIR + name
                        + " on the class path: smallrye-open-api-maven-plugin makes it at build (process-classes)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
