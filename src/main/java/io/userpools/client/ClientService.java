package io.userpools.client;

import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.userpools.common.Caches;
import io.userpools.common.SecretBox;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * CreateUserPoolClient and DescribeUserPoolClient ([2.11]), and the client lookups of sign-in and
 * token checks. Clients never change once created, so they are cached for a few seconds, in a
 * bounded cache ({@link ClientCacheConfig}).
 */
@Singleton
public class ClientService {

    private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]+");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** A new client with its secret in clear, to show once. */
    public record Created(Client client, String secret) {
    }

    private final ClientRepository repository;
    private final PoolService pools;
    private final SecretBox box;
    private final ClientSecrets secrets;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Client> cache;

    public ClientService(ClientRepository repository, PoolService pools, SecretBox box, ClientSecrets secrets,
            Clock clock, ClientCacheConfig cacheConfig) {
        this.repository = repository;
        this.pools = pools;
        this.box = box;
        this.secrets = secrets;
        this.clock = clock;
        this.cache = Caches.fresh(clock, cacheConfig.ttl(), cacheConfig.maxEntries());
    }

    /**
     * CreateUserPoolClient: checks the read and write lists, auth flows and validities against
     * the pool and stores a new client; a generated secret is sealed at rest and shown once.
     *
     * @throws ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.InvalidParameterException for an invalid list, flow or validity
     */
    @WithTransaction
    public Uni<Created> create(String poolId, CreateClientCommand request) {
        return pools.get(poolId).flatMap(pool -> {
            ClientSettings settings = settings(pool, request);
            String clientId = randomString(26);
            String secret = Boolean.TRUE.equals(request.generateSecret()) ? randomString(51) : null;
            byte[] sealed = secret == null ? null : box.seal(secret.getBytes(StandardCharsets.UTF_8), context(clientId));
            Instant now = clock.instant();
            Client client = new Client(pool.id(), clientId, request.name(), settings, sealed, now, now);
            return repository.persist(AppClient.from(client)).replaceWith(new Created(client, secret));
        });
    }

    static ClientSettings settings(Pool pool, CreateClientCommand request) {
        CreateClientCommand.ValidityUnits given = request.tokenValidityUnits();
        ClientSettings.TokenValidityUnits defaults = ClientSettings.TokenValidityUnits.DEFAULT;
        ClientSettings.TokenValidityUnits units = new ClientSettings.TokenValidityUnits(
                ClientPolicy.unit(given == null ? null : given.accessToken(), defaults.accessToken()),
                ClientPolicy.unit(given == null ? null : given.idToken(), defaults.idToken()),
                ClientPolicy.unit(given == null ? null : given.refreshToken(), defaults.refreshToken()));
        var poolValidity = pool.settings().tokenValidity();
        return new ClientSettings(
                ClientPolicy.readAttributes(pool, request.readAttributes()),
                ClientPolicy.writeAttributes(pool, request.writeAttributes()),
                request.writeAttributes() != null,
                ClientPolicy.authFlows(request.explicitAuthFlows()),
                ClientPolicy.validitySeconds("access", request.accessTokenValidity(), units.accessToken(), poolValidity),
                ClientPolicy.validitySeconds("id", request.idTokenValidity(), units.idToken(), poolValidity),
                ClientPolicy.validitySeconds("refresh", request.refreshTokenValidity(), units.refreshToken(),
                        poolValidity),
                units,
                ClientPolicy.preventUserExistenceErrors(request.preventUserExistenceErrors()));
    }

    /**
     * DescribeUserPoolClient: the client with this id in this pool.
     *
     * @throws ResourceNotFoundException for an unknown pool or client
     */
    @WithSession
    public Uni<Client> describe(String poolId, String clientId) {
        if (!isClientId(clientId)) {
            return Uni.createFrom().failure(notFound(clientId));
        }
        return pools.get(poolId).flatMap(pool -> repository.findInPool(pool.id(), clientId))
                .onItem().ifNull().failWith(() -> notFound(clientId))
                .map(AppClient::toClient);
    }

    /**
     * The client with this id in any pool, from the cache when fresh (sign-in names only the client).
     *
     * @throws ResourceNotFoundException when no such client exists
     */
    public Uni<Client> get(String clientId) {
        if (!isClientId(clientId)) {
            return Uni.createFrom().failure(notFound(clientId));
        }
        Client cached = cache.getIfPresent(clientId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return load(clientId).invoke(client -> cache.put(clientId, client));
    }

    /** Clients in the cache now (for tests of its bound). */
    long cached() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @WithSession
    Uni<Client> load(String clientId) {
        return repository.findById(clientId).onItem().ifNull().failWith(() -> notFound(clientId))
                .map(AppClient::toClient).call(secrets::resealIfStale);
    }

    /** The client's secret in clear, for the secret hash check; null for a public client. */
    public String secretOf(Client client) {
        if (!client.hasSecret()) {
            return null;
        }
        byte[] plain = box.open(client.sealedSecret(), context(client.clientId()));
        if (plain == null) {
            throw new IllegalStateException("The secret of client " + client.clientId()
                    + " opens with no configured key-encryption key");
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code clientId} can name a client (Cognito's {@code [\\w+]+}, at most 128
     * characters); anything else names none and is never sent to the database (which refuses NUL).
     */
    static boolean isClientId(String clientId) {
        return clientId != null && clientId.length() <= 128 && CLIENT_ID.matcher(clientId).matches();
    }

    public static ResourceNotFoundException notFound(String clientId) {
        return new ResourceNotFoundException("User pool client " + clientId + " does not exist.");
    }

    static String context(String clientId) {
        return "client-secret:" + clientId;
    }

    private String randomString(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }
}
