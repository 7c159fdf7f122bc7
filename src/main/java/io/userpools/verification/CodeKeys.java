package io.userpools.verification;

import io.smallrye.mutiny.Uni;
import io.userpools.common.KeyRing;
import io.userpools.common.Reseal;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Verification codes after a rotation of the HMAC key. Only a code's HMAC is stored, so a code
 * cannot be re-made under the new key: this reports how many live codes still need an older key
 * and when the last of them expires, which tells the operator when that key can go.
 */
@Singleton
public class CodeKeys implements Reseal.Participant {

    private final Pool sql;
    private final KeyRing ring;
    private final Clock clock;

    public CodeKeys(Pool sql, CodeIssuer issuer, Clock clock) {
        this.sql = sql;
        this.ring = issuer.hasher().ring();
        this.clock = clock;
    }

    @Override
    public Uni<Reseal.Report> resealOld() {
        byte[] tag = ring.current().tag();
        String count = "SELECT count(*), max(expires_at) FROM verification_codes WHERE consumed_at IS NULL "
                + "AND expires_at > $1 AND substring(code_hmac from 1 for " + tag.length + ") <> $2";
        return sql.preparedQuery(count).execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC), Buffer.buffer(tag)))
                .map(rows -> {
                    var row = rows.iterator().next();
                    long left = row.getLong(0);
                    var last = row.getOffsetDateTime(1);
                    return new Reseal.Report("live verification codes", ring.current().id(), 0, left,
                            "codes are stored as an HMAC and cannot be re-made; keep the old HMAC keys until "
                                    + (last == null ? "they expire" : last.toInstant()));
                });
    }
}
