package io.userpools.user;

import io.userpools.pool.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The SQL of one ListUsers page ([2.9]), built from a parsed filter. Pure: the text and its
 * parameters only. Pages use keyset pagination, so a chain never repeats a user, and one row more
 * than the page is read to know whether a next page exists. The order is {@code sub}, except
 * under an {@code =} or {@code ^=} filter on a text column ({@link #orderColumn}): then it is
 * that column (in byte order, the order of its {@code text_pattern_ops} index) and {@code sub}
 * among equal values, and a page continues after the last user's (value, sub). That way a page
 * reads its rows in index order and stops after them, however many users match: in {@code sub}
 * order every match had to be read and sorted before the first page (2.1 s for a prefix matching
 * 111,111 of a million users, deploy/postgresql.md).
 *
 * <p>Index use: {@code =} and {@code ^=} on the text columns use the
 * {@code (pool_id, col text_pattern_ops)} indexes. A prefix is written as a byte-order range
 * ({@code col ~>=~ $p AND col ~<~ $next}), which a generic prepared plan can still match to the
 * index, plus {@code col LIKE $p%} with {@code \ % _} escaped, which keeps the result exact.
 * {@code username} is matched on {@code username_key} (its unique index, text_pattern_ops since
 * V16) against the pool's key of the value: the value itself in pools with case-sensitive
 * usernames, the lower-cased value in the others. {@code cognito:user_status}
 * (case-insensitive) and {@code status} ({@code Enabled}/{@code Disabled}) are resolved to
 * values here; {@code sub ^=} becomes a UUID range on the primary key.
 */
public record ListUsersQuery(String sql, List<Object> parameters, String orderedBy) {

    private static final String UUID_TEMPLATE = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

    /**
     * Where a page starts: after the user with this {@code sub} and, in a listing ordered by a
     * column, this value of the column.
     *
     * @param column the column the previous page was ordered by, or null for {@code sub} order
     * @param key    the last user's value of {@code column}, null when {@code column} is
     */
    public record After(UUID sub, String column, String key) {

        public After {
            if ((column == null) != (key == null)) {
                throw new IllegalArgumentException("a column needs its key");
            }
        }

        /** After a user in {@code sub} order. */
        public static After sub(UUID sub) {
            return new After(sub, null, null);
        }
    }

    /**
     * @param filter the parsed filter, or null for every user
     * @param after  the last user of the previous page, or null for the first page. A position
     *               in {@code sub} order under a filter that orders by a column continues in
     *               {@code sub} order (a token of a version that always ordered by {@code sub});
     *               the caller checks that a column position names the filter's column.
     * @param rows   how many rows to read (page size plus one)
     */
    public static ListUsersQuery build(Pool pool, UserFilter filter, After after, int rows) {
        List<Object> params = new ArrayList<>();
        params.add(pool.id());
        StringBuilder sql = new StringBuilder("SELECT ").append(UserRepository.COLUMNS)
                .append(" FROM users WHERE pool_id = $1");
        if (filter != null) {
            sql.append(" AND ").append(condition(pool, filter, params));
        }
        String column = after != null && after.column() == null ? null : orderColumn(filter);
        if (after != null && column != null) {
            // (column, sub) > (key, sub) in the index's byte order; the range condition bounds the scan
            params.add(after.key());
            int key = params.size();
            params.add(after.sub());
            sql.append(" AND ").append(column).append(" ~>=~ $").append(key).append(" AND (").append(column)
                    .append(" ~>~ $").append(key).append(" OR sub > $").append(params.size()).append(')');
        } else if (after != null) {
            params.add(after.sub());
            sql.append(" AND sub > $").append(params.size());
        }
        params.add(rows);
        sql.append(column == null ? " ORDER BY sub" : " ORDER BY " + column + " USING ~<~, sub")
                .append(" LIMIT $").append(params.size());
        return new ListUsersQuery(sql.toString(), List.copyOf(params), column);
    }

    /**
     * The column that pages under {@code filter} are ordered by: the filtered text column (with
     * its index), or null for {@code sub} order (no filter, or a filter on {@code sub}, the
     * status or the user status, which have no index of their own to walk).
     */
    static String orderColumn(UserFilter filter) {
        if (filter == null) {
            return null;
        }
        return switch (filter.attribute()) {
            case "username" -> "username_key";
            case "cognito:user_status", "status", "sub" -> null;
            default -> filter.attribute();
        };
    }

    /** A user's value of the column a page was ordered by ({@link #orderedBy}, not null). */
    static String key(Pool pool, PoolUser user, String column) {
        // username_key is the pool's key of the username; the others are attributes ->> 'name'
        return column.equals("username_key") ? pool.key(user.username()) : user.attributes().get(column);
    }

    private static String condition(Pool pool, UserFilter filter, List<Object> params) {
        boolean exact = filter.operator() == UserFilter.Operator.EQUALS;
        String value = filter.value();
        if (value.indexOf('\0') >= 0) {
            return "FALSE"; // PostgreSQL text can't hold NUL, so no stored value has one
        }
        return switch (filter.attribute()) {
            // the pool's key of a username is the username itself where usernames are case-sensitive
            case "username" -> text("username_key", pool.key(value), exact, params);
            case "cognito:user_status" -> status(value.toUpperCase(Locale.ROOT), exact, params);
            case "status" -> enabled(value, exact);
            case "sub" -> sub(value, exact, params);
            default -> text(filter.attribute(), value, exact, params);
        };
    }

    private static String text(String column, String value, boolean exact, List<Object> params) {
        params.add(value);
        int p = params.size();
        if (exact) {
            return column + " = $" + p;
        }
        StringBuilder condition = new StringBuilder(column).append(" ~>=~ $").append(p);
        String next = successor(value);
        if (next != null) {
            params.add(next);
            condition.append(" AND ").append(column).append(" ~<~ $").append(params.size());
        }
        params.add(likePrefix(value));
        return condition.append(" AND ").append(column).append(" LIKE $").append(params.size()).toString();
    }

    private static String status(String value, boolean exact, List<Object> params) {
        String[] matching = Arrays.stream(UserStatus.values()).map(Enum::name)
                .filter(name -> exact ? name.equals(value) : name.startsWith(value))
                .toArray(String[]::new);
        params.add(matching);
        return "status = ANY($" + params.size() + ")";
    }

    private static String enabled(String value, boolean exact) {
        boolean enabled = exact ? "Enabled".equals(value) : "Enabled".startsWith(value);
        boolean disabled = exact ? "Disabled".equals(value) : "Disabled".startsWith(value);
        if (enabled && disabled) {
            return "TRUE";
        }
        return enabled ? "enabled" : disabled ? "NOT enabled" : "FALSE";
    }

    private static String sub(String value, boolean exact, List<Object> params) {
        if (exact) {
            UUID sub = UserLookup.parseUuid(value);
            if (sub == null || !sub.toString().equals(value)) {
                return "FALSE";
            }
            params.add(sub);
            return "sub = $" + params.size();
        }
        if (!isUuidPrefix(value)) {
            return "FALSE";
        }
        params.add(UUID.fromString(fill(value, '0')));
        params.add(UUID.fromString(fill(value, 'f')));
        return "sub >= $" + (params.size() - 1) + " AND sub <= $" + params.size();
    }

    /** True when {@code value} can begin the canonical lower-case text of a UUID. */
    static boolean isUuidPrefix(String value) {
        if (value.length() > UUID_TEMPLATE.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = UUID_TEMPLATE.charAt(i) == '-' ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String fill(String prefix, char digit) {
        return prefix + UUID_TEMPLATE.substring(prefix.length()).replace('x', digit);
    }

    /**
     * The least string greater than every string starting with {@code prefix} in code point (and
     * so UTF-8 byte) order, or null when there is none (empty prefix, or only U+10FFFF).
     */
    static String successor(String prefix) {
        int[] points = prefix.codePoints().toArray();
        for (int i = points.length - 1; i >= 0; i--) {
            int next = points[i] + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                points[i] = next;
                return new String(points, 0, i + 1);
            }
        }
        return null;
    }

    /** {@code value%} for LIKE, with the default escape character {@code \} escaping {@code \ % _}. */
    static String likePrefix(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
