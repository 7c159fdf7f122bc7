package io.userpools.client;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The stored app client row. {@code client_id} is unique across pools, so it is the identity.
 * The {@code secret_hash} column holds the client secret sealed by
 * {@link io.userpools.common.SecretBox} (the secret hash check at sign-in needs the secret itself).
 */
@Entity
@Table(name = "app_clients")
public class AppClient extends PanacheEntityBase {

    @Id
    @Column(name = "client_id", columnDefinition = "text")
    public String clientId;

    @Column(name = "pool_id", nullable = false, columnDefinition = "text")
    public String poolId;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "secret_hash")
    public byte[] sealedSecret;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public ClientSettings settings;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_modified_at", nullable = false)
    public Instant lastModifiedAt;

    public Client toClient() {
        return new Client(poolId, clientId, name, settings, sealedSecret, createdAt, lastModifiedAt);
    }

    public static AppClient from(Client client) {
        AppClient row = new AppClient();
        row.clientId = client.clientId();
        row.poolId = client.poolId();
        row.name = client.name();
        row.sealedSecret = client.sealedSecret();
        row.settings = client.settings();
        row.createdAt = client.createdAt();
        row.lastModifiedAt = client.lastModifiedAt();
        return row;
    }
}
