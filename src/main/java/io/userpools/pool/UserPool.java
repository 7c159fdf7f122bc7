package io.userpools.pool;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The stored pool row. Converted to {@link Pool} before it leaves the repository layer. */
@Entity
@Table(name = "pools")
public class UserPool extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "text")
    public String id;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public PoolSettings settings;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attribute_schema", nullable = false, columnDefinition = "jsonb")
    public StoredSchema schema;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_modified_at", nullable = false)
    public Instant lastModifiedAt;

    public Pool toPool() {
        return new Pool(id, name, settings, schema.attributes(), createdAt, lastModifiedAt);
    }

    public static UserPool from(Pool pool) {
        UserPool row = new UserPool();
        row.id = pool.id();
        row.name = pool.name();
        row.settings = pool.settings();
        row.schema = new StoredSchema(pool.schema());
        row.createdAt = pool.createdAt();
        row.lastModifiedAt = pool.lastModifiedAt();
        return row;
    }
}
