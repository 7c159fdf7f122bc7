package io.userpools.common;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Re-sealing after a key rotation: every {@link Participant} (signing keys, client secrets, event
 * subscription and custom message webhook secrets, queued messages, verification codes) seals again
 * under its ring's current key what an old key sealed, and reports how many it did and how many
 * still need an old key. Runs once after each start, in
 * the background ({@code userpools.keys.reseal-at-start}); since a rotation restarts every replica,
 * the rotation's own rollout re-seals, and the log tells the operator when an old key can go.
 * Several replicas may run it at once: each row is replaced only if it still holds what was read.
 * Logs ids and counts only, never a value.
 */
@Singleton
public class Reseal {

    private static final Logger LOG = Logger.getLogger(Reseal.class);
    private static final int PAGE = 500;

    /** One kind of sealed value. */
    public interface Participant {
        /** Seals again under the current key what an older key sealed. */
        Uni<Report> resealOld();
    }

    /**
     * What a participant did.
     *
     * @param what     the values, in words ("pool signing keys")
     * @param keyId    the current key's id
     * @param resealed values sealed again under it
     * @param left     values that still need an old key (or, with {@code unreadable}, no key of the ring opens)
     * @param note     what the operator should know about {@code left}, or empty
     */
    public record Report(String what, String keyId, long resealed, long left, String note) {
        @Override
        public String toString() {
            return what + ": " + resealed + " re-sealed under key " + keyId + ", " + left + " left"
                    + (note.isEmpty() || left == 0 ? "" : " (" + note + ")");
        }
    }

    /**
     * A table column of sealed values.
     *
     * @param what       the values, in words
     * @param table      the table
     * @param keyColumns the row's key, in order
     * @param others     further columns the associated data needs
     * @param column     the sealed column
     */
    public record SealedColumn(String what, String table, List<String> keyColumns, List<String> others,
            String column) {
    }

    private final Instance<Participant> participants;
    private final KeyRings rings;

    public Reseal(Instance<Participant> participants, KeyRings rings) {
        this.participants = participants;
        this.rings = rings;
    }

    void atStart(@Observes StartupEvent event) {
        if (!rings.resealAtStart()) {
            return;
        }
        run().subscribe().with(reports -> { }, failure -> LOG.warnf("re-sealing under the current keys failed: %s",
                failure.getClass().getSimpleName()));
    }

    /** Runs every participant, one after the other, and logs each report. */
    public Uni<List<Report>> run() {
        List<Participant> all = participants.stream().toList();
        return Multi.createFrom().iterable(all).onItem().transformToUniAndConcatenate(Participant::resealOld)
                .invoke(report -> LOG.log(report.resealed() > 0 || report.left() > 0 ? Logger.Level.INFO
                        : Logger.Level.DEBUG, "key rotation: " + report))
                .collect().asList();
    }

    /**
     * Re-seals one column: reads, a page at a time, the rows whose value lacks the current key's tag,
     * and replaces each value with {@code reseal}'s answer for the row (null: no key opens it, left
     * as it is and counted).
     */
    public static Uni<Report> column(Pool sql, KeyRing ring, SealedColumn column, Function<Row, byte[]> reseal) {
        byte[] tag = ring.current().tag();
        String keys = String.join(", ", column.keyColumns());
        String select = "SELECT " + Stream.concat(Stream.concat(column.keyColumns().stream(), column.others().stream()),
                Stream.of(column.column())).collect(Collectors.joining(", ")) + " FROM " + column.table()
                + " WHERE " + column.column() + " IS NOT NULL AND substring(" + column.column() + " from 1 for "
                + tag.length + ") <> $1";
        int n = column.keyColumns().size();
        String after = " AND (" + keys + ") > (" + placeholders(2, n) + ")";
        String order = " ORDER BY " + keys + " LIMIT " + PAGE;
        String update = "UPDATE " + column.table() + " SET " + column.column() + " = $1 WHERE "
                + conditions(column.keyColumns(), 2) + " AND " + column.column() + " = $" + (n + 2);
        long[] counts = new long[2];
        return page(sql, select + order, select + after + order, update, column, Buffer.buffer(tag), null, reseal,
                counts).map(done -> new Report(column.what(), ring.current().id(), counts[0], counts[1],
                        "no configured key opens them"));
    }

    private static Uni<Void> page(Pool sql, String first, String next, String update, SealedColumn column,
            Buffer tag, List<Object> lastKey, Function<Row, byte[]> reseal, long[] counts) {
        Tuple args = Tuple.of(tag);
        if (lastKey != null) {
            lastKey.forEach(args::addValue);
        }
        return sql.preparedQuery(lastKey == null ? first : next).execute(args).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            return replace(sql, update, column, rows, reseal, counts).flatMap(last -> rows.size() < PAGE
                    ? Uni.createFrom().voidItem()
                    : page(sql, first, next, update, column, tag, last, reseal, counts));
        });
    }

    /** Replaces the page's values one by one; answers the page's last key. */
    private static Uni<List<Object>> replace(Pool sql, String update, SealedColumn column, RowSet<Row> rows,
            Function<Row, byte[]> reseal, long[] counts) {
        List<Object> last = new ArrayList<>();
        return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(row -> {
            last.clear();
            column.keyColumns().forEach(k -> last.add(row.getValue(k)));
            byte[] resealed = reseal.apply(row);
            if (resealed == null) {
                counts[1]++;
                return Uni.createFrom().voidItem();
            }
            Tuple args = Tuple.of(Buffer.buffer(resealed));
            last.forEach(args::addValue);
            args.addValue(Buffer.buffer(row.getBuffer(column.column()).getBytes()));
            return sql.preparedQuery(update).execute(args).invoke(r -> counts[0] += r.rowCount()).replaceWithVoid();
        }).collect().last().map(ignored -> last);
    }

    private static String placeholders(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("$" + (from + i));
        }
        return String.join(", ", out);
    }

    private static String conditions(List<String> columns, int from) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            out.add(columns.get(i) + " = $" + (from + i));
        }
        return String.join(" AND ", out);
    }
}
