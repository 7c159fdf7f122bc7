package io.userpools.client;

import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.userpools.common.PaginationTokens;
import io.userpools.common.SecretBox;
import io.userpools.pool.PoolService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client lookup of sign-in keeps at most {@code userpools.client-cache.max-entries} clients. */
@QuarkusTest
class ClientCacheTest {

    @Inject
    ClientRepository repository;
    @Inject
    PoolService pools;
    @Inject
    SecretBox box;
    @Inject
    ClientSecrets secrets;
    @Inject
    PaginationTokens tokens;
    @Inject
    Clock clock;

    @Test
    void theCacheKeepsAtMostItsMaximumAndStillAnswersEveryClient() throws Throwable {
        ClientService service = new ClientService(repository, pools, box, secrets, tokens, clock,
                new ClientCacheConfig() {
                    @Override
                    public long maxEntries() {
                        return 3;
                    }

                    @Override
                    public Duration ttl() {
                        return Duration.ofMinutes(1);
                    }
                });
        String poolId = createPool();
        for (int n = 0; n < 20; n++) {
            String clientId = adminJson(Map.of("name", "c" + n)).post("/pools/{p}/clients", poolId)
                    .then().statusCode(201).extract().path("clientId");
            Client client = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> service.get(clientId)));
            assertThat(client.clientId()).isEqualTo(clientId);
            assertThat(service.cached()).isLessThanOrEqualTo(3);
        }
        assertThat(service.cached()).isEqualTo(3);
    }
}
