package io.userpools.auth;

import io.userpools.common.Caches;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.userpools.common.KeyRingCipher;
import io.userpools.common.Reseal;
import io.userpools.common.SecretBox;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jboss.logging.Logger;
import org.jose4j.lang.JoseException;

/**
 * Each pool's RSA signing keys (pool_keys): made on first need, the private key sealed at rest
 * by {@link SecretBox}, the public key kept as a JWK. The newest unretired key signs; any key of
 * the pool verifies by its {@code kid}, which makes rotation a matter of adding a key and
 * retiring the old one later. Keys never change once written, so they are cached for good. A
 * private key sealed by an older key-encryption key is sealed again under the current one when it
 * is loaded, and by {@link Reseal} after start-up.
 */
@Singleton
public class PoolKeys implements Reseal.Participant {

    private static final Logger LOG = Logger.getLogger(PoolKeys.class);

    /** The key that signs a pool's new tokens. */
    public record SigningKey(String kid, PrivateKey privateKey) {
    }

    private static final String ACTIVE = "SELECT kid, private_key_enc FROM pool_keys WHERE pool_id = $1 "
            + "AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1";
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final String PUBLIC = "SELECT public_jwk FROM pool_keys WHERE pool_id = $1 AND kid = $2";
    private static final String ALL_PUBLIC = "SELECT public_jwk FROM pool_keys WHERE pool_id = $1 ORDER BY created_at";
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('pool_keys:' || $1))";
    private static final String RESEAL = "UPDATE pool_keys SET private_key_enc = $1 "
            + "WHERE pool_id = $2 AND kid = $3 AND private_key_enc = $4";
    private static final Reseal.SealedColumn COLUMN = new Reseal.SealedColumn("pool signing keys", "pool_keys",
            List.of("pool_id", "kid"), List.of(), "private_key_enc");
    private static final String INSERT = "INSERT INTO pool_keys (pool_id, kid, public_jwk, private_key_enc, created_at) "
            + "VALUES ($1, $2, $3, $4, $5)";

    private final Pool sql;
    private final SecretBox box;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Bounded: keys of pools unused for an hour are read again when needed. */
    private final Map<String, SigningKey> signing;
    private final Map<String, PublicKey> verifying;

    public PoolKeys(Pool sql, SecretBox box, Clock clock) {
        this.sql = sql;
        this.box = box;
        this.clock = clock;
        this.signing = Caches.<String, SigningKey>expiring(clock, Duration.ofHours(1), 100_000).asMap();
        this.verifying = Caches.<String, PublicKey>expiring(clock, Duration.ofHours(1), 200_000).asMap();
    }

    /** The pool's signing key, made (off the event loop) and stored when the pool has none. */
    public Uni<SigningKey> signingKey(String poolId) {
        SigningKey cached = signing.get(poolId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return active(sql, poolId)
                .flatMap(found -> found != null ? Uni.createFrom().item(found) : create(poolId))
                .invoke(key -> signing.put(poolId, key));
    }

    /**
     * The public key with this kid in this pool, or null. A kid that this service cannot have
     * issued (base64url, see {@link #newKid}) is null at once: the token's header is the caller's
     * text, and PostgreSQL answers a NUL in it with an error, not with no row.
     */
    public Uni<PublicKey> publicKey(String poolId, String kid) {
        if (kid == null || !KID.matcher(kid).matches()) {
            return Uni.createFrom().nullItem();
        }
        String cacheKey = poolId + '/' + kid;
        PublicKey cached = verifying.get(cacheKey);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return sql.preparedQuery(PUBLIC).execute(Tuple.of(poolId, kid)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            PublicKey key = parsePublic(it.next().getJsonObject(0));
            verifying.put(cacheKey, key);
            return key;
        });
    }

    /** The pool's public keys as JWKs (the JWKS document's {@code keys}), made on first need. */
    public Uni<List<Map<String, Object>>> publicJwks(String poolId) {
        return signingKey(poolId).flatMap(ignored -> sql.preparedQuery(ALL_PUBLIC).execute(Tuple.of(poolId)))
                .map(rows -> {
                    List<Map<String, Object>> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(row.getJsonObject(0).getMap());
                    }
                    return keys;
                });
    }

    private Uni<SigningKey> active(SqlClient client, String poolId) {
        return client.preparedQuery(ACTIVE).execute(Tuple.of(poolId)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return row;
        }).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().nullItem();
            }
            String kid = row.getString(0);
            byte[] sealed = row.getBuffer(1).getBytes();
            KeyRingCipher.Opened opened = box.unseal(sealed, context(poolId, kid));
            if (opened == null) {
                throw new IllegalStateException("The signing key " + kid + " of pool " + poolId
                        + " opens with no configured key-encryption key");
            }
            SigningKey key = new SigningKey(kid, parsePrivate(poolId, kid, opened.plain()));
            return opened.stale() ? resealed(client, poolId, kid, sealed, opened.plain()).replaceWith(key)
                    : Uni.createFrom().item(key);
        });
    }

    /** Seals a key that an old key-encryption key sealed again under the current one; a failure only logs. */
    private Uni<Void> resealed(SqlClient client, String poolId, String kid, byte[] old, byte[] pkcs8) {
        byte[] sealed = box.seal(pkcs8, context(poolId, kid));
        return client.preparedQuery(RESEAL).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(sealed), poolId, kid,
                io.vertx.core.buffer.Buffer.buffer(old))).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("re-sealing the signing key %s of pool %s failed: %s", kid, poolId,
                            failure.getClass().getSimpleName());
                    return null;
                });
    }

    /** Every pool's private keys that an old key-encryption key sealed, sealed again under the current one. */
    @Override
    public Uni<Reseal.Report> resealOld() {
        return Reseal.column(sql, box.ring(), COLUMN, row -> box.reseal(row.getBuffer("private_key_enc").getBytes(),
                context(row.getString("pool_id"), row.getString("kid"))));
    }

    private Uni<SigningKey> create(String poolId) {
        return Uni.createFrom().item(PoolKeys::generate).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(pair -> sql.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(poolId))
                        .flatMap(locked -> active(tx, poolId))
                        .flatMap(existing -> existing != null ? Uni.createFrom().item(existing) : insert(tx, poolId, pair))));
    }

    private Uni<SigningKey> insert(SqlClient tx, String poolId, KeyPair pair) {
        String kid = newKid();
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setKeyId(kid);
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        JsonObject publicJwk = new JsonObject(jwk.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        byte[] sealed = box.seal(pair.getPrivate().getEncoded(), context(poolId, kid));
        Tuple values = Tuple.of(poolId, kid, publicJwk, io.vertx.core.buffer.Buffer.buffer(sealed),
                clock.instant().atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(INSERT).execute(values).replaceWith(new SigningKey(kid, pair.getPrivate()));
    }

    private static PrivateKey parsePrivate(String poolId, String kid, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable signing key " + kid + " of pool " + poolId, e);
        }
    }

    private static PublicKey parsePublic(JsonObject jwk) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(jwk.getMap()).getPublicKey();
        } catch (JoseException e) {
            throw new IllegalStateException("Unreadable public key in pool_keys", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private String newKid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String context(String poolId, String kid) {
        return "pool-key:" + poolId + ":" + kid;
    }
}
