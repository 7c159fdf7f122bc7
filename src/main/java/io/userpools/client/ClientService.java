package io.userpools.client;

import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.userpools.common.Caches;
import io.userpools.common.PaginationTokens;
import io.userpools.common.SecretBox;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The app client operations (CreateUserPoolClient [2.11], DescribeUserPoolClient,
 * ListUserPoolClients, UpdateUserPoolClient, DeleteUserPoolClient [L 7.3-7.5]) and the client
 * lookups of sign-in and token checks. Those lookups use a bounded cache of a few seconds
 * ({@link ClientCacheConfig}); an update or deletion drops the entry on the replica that made
 * it, so other replicas see it within the cache's time to live. A deleted client's tokens stop at
 * once everywhere all the same: its sessions are revoked in the deleting transaction, and token
 * checks read the session from the database on every call.
 */
@Singleton
public class ClientService {

    private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]+");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** A new client with its secret in clear, to show once. */
    public record Created(Client client, String secret) {
    }

    /** One page of ListUserPoolClients; {@code nextToken} is null on the last page. */
    public record Page(List<Client> clients, String nextToken) {
    }

    /** Where a page of clients ends: creation time, then client id. */
    private record Position(Instant createdAt, String clientId) {
        static Position of(Client client) {
            return new Position(client.createdAt(), client.clientId());
        }

        String text() {
            return createdAt + " " + clientId;
        }

        static Position parse(String text) {
            int space = text.indexOf(' ');
            try {
                return new Position(Instant.parse(text.substring(0, space)), text.substring(space + 1));
            } catch (RuntimeException e) {
                throw new InvalidParameterException(PaginationTokens.INVALID);
            }
        }
    }

    private final ClientRepository repository;
    private final PoolService pools;
    private final SecretBox box;
    private final ClientSecrets secrets;
    private final PaginationTokens tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Client> cache;

    public ClientService(ClientRepository repository, PoolService pools, SecretBox box, ClientSecrets secrets,
            PaginationTokens tokens, Clock clock, ClientCacheConfig cacheConfig) {
        this.repository = repository;
        this.pools = pools;
        this.box = box;
        this.secrets = secrets;
        this.tokens = tokens;
        this.clock = clock;
        this.cache = Caches.fresh(clock, cacheConfig.ttl(), cacheConfig.maxEntries());
    }

    /**
     * CreateUserPoolClient: checks the read and write lists, auth flows and validities against
     * the pool and stores a new client; a generated secret is sealed at rest and shown once.
     *
     * @throws ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.InvalidParameterException for an invalid list, flow or
     *         validity, or a Cognito setting Userpools cannot honour ({@link CognitoOnlySettings})
     */
    @WithTransaction
    public Uni<Created> create(String poolId, CreateClientCommand request) {
        return pools.get(poolId).flatMap(pool -> {
            ClientSettings settings = settings(pool, request, false);
            String clientId = randomString(26);
            String secret = Boolean.TRUE.equals(request.generateSecret()) ? randomString(51) : null;
            byte[] sealed = secret == null ? null
                    : box.seal(secret.getBytes(StandardCharsets.UTF_8), context(clientId));
            Instant now = now();
            Client client = new Client(pool.id(), clientId, request.name(), settings, sealed, now, now);
            return repository.persist(AppClient.from(client)).replaceWith(new Created(client, secret));
        });
    }

    static ClientSettings settings(Pool pool, ClientInput request, boolean updating) {
        List<String> providers = ClientPolicy.cognitoOnly(request.cognitoOnly());
        CreateClientCommand.ValidityUnits given = request.tokenValidityUnits();
        ClientSettings.TokenValidityUnits defaults = ClientSettings.TokenValidityUnits.DEFAULT;
        String accessUnit = ClientPolicy.unit(given == null ? null : given.accessToken(), defaults.accessToken());
        String idUnit = ClientPolicy.unit(given == null ? null : given.idToken(), defaults.idToken());
        String refreshUnit = ClientPolicy.unit(given == null ? null : given.refreshToken(), defaults.refreshToken());
        var poolValidity = pool.settings().tokenValidity();
        long access = ClientPolicy.validitySeconds("access", request.accessTokenValidity(), accessUnit, poolValidity);
        long id = ClientPolicy.validitySeconds("id", request.idTokenValidity(), idUnit, poolValidity);
        long refresh = ClientPolicy.validitySeconds("refresh", request.refreshTokenValidity(), refreshUnit,
                poolValidity);
        ClientSettings.TokenValidityUnits units = new ClientSettings.TokenValidityUnits(
                ClientPolicy.fittingUnit(access, accessUnit), ClientPolicy.fittingUnit(id, idUnit),
                ClientPolicy.fittingUnit(refresh, refreshUnit));
        return new ClientSettings(
                ClientPolicy.readAttributes(pool, request.readAttributes(), updating),
                ClientPolicy.writeAttributes(pool, request.writeAttributes(), updating),
                request.writeAttributes() != null,
                ClientPolicy.authFlows(request.explicitAuthFlows()),
                access, id, refresh, units,
                ClientPolicy.preventUserExistenceErrors(request.preventUserExistenceErrors()),
                providers);
    }

    /**
     * ListUserPoolClients (lifecycle spec 7.3): at most {@code maxResults} clients of the pool in
     * creation order (then id), after those of the previous pages. Tokens are sealed, good only for
     * this pool's listing and expire after an hour ({@link PaginationTokens}).
     *
     * @param nextToken the previous page's {@code nextToken}, or null for the first page
     * @throws ResourceNotFoundException for an unknown pool
     * @throws io.userpools.common.error.InvalidParameterException for a bad, foreign or expired token
     */
    @WithSession
    public Uni<Page> list(String poolId, int maxResults, String nextToken) {
        String listing = PaginationTokens.clients(poolId);
        return pools.get(poolId).flatMap(pool -> {
            Position after = nextToken == null ? null : Position.parse(tokens.position(listing, nextToken));
            return repository.listAfter(pool.id(), after == null ? null : after.createdAt(),
                    after == null ? null : after.clientId(), maxResults + 1);
        }).map(rows -> {
            List<Client> page = rows.stream().limit(maxResults).map(AppClient::toClient).toList();
            return new Page(page, tokens.after(listing, page, rows.size(), c -> Position.of(c).text()));
        });
    }

    /**
     * UpdateUserPoolClient (lifecycle spec 7.4): replaces the client's settings. As in Cognito,
     * a setting left out returns to its default; a left-out name and the secret are kept. The
     * change counts at once for this replica's sign-ins and token checks (its cache entry goes).
     *
     * @throws ResourceNotFoundException for an unknown pool, or a client not in it
     * @throws io.userpools.common.error.InvalidParameterException as for creation, with the
     *         "while updating a client" texts
     */
    public Uni<Client> update(String poolId, String clientId, UpdateClientCommand request) {
        if (!isClientId(clientId)) {
            return Uni.createFrom().failure(notFound(clientId));
        }
        return Panache.withTransaction(() -> pools.get(poolId)
                .flatMap(pool -> repository.findInPool(pool.id(), clientId)
                        .onItem().ifNull().failWith(() -> notFound(clientId))
                        .map(row -> {
                            row.settings = settings(pool, request, true);
                            if (request.name() != null) {
                                row.name = request.name();
                            }
                            row.lastModifiedAt = now();
                            return row;
                        })))
                .map(AppClient::toClient)
                .invoke(() -> cache.invalidate(clientId));
    }

    /**
     * DeleteUserPoolClient (lifecycle spec 7.5): removes the client and, in the same transaction,
     * revokes the sessions (refresh tokens) issued through it, so that its refresh tokens stop at
     * once and its access tokens are refused at the token operations on every replica.
     *
     * @throws ResourceNotFoundException for an unknown pool, or a client not in it
     */
    public Uni<Void> delete(String poolId, String clientId) {
        if (!isClientId(clientId)) {
            return Uni.createFrom().failure(notFound(clientId));
        }
        return Panache.withTransaction(() -> pools.get(poolId)
                .flatMap(pool -> repository.deleteInPool(pool.id(), clientId)
                        .flatMap(deleted -> deleted
                                ? repository.revokeSessions(pool.id(), clientId, now()).replaceWithVoid()
                                : Uni.createFrom().failure(notFound(clientId)))))
                .invoke(() -> cache.invalidate(clientId));
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

    /** Now, at the database's precision (microseconds), so that what is answered is what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
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
