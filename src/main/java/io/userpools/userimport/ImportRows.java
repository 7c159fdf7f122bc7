package io.userpools.userimport;

import io.userpools.attribute.AttributePolicy;
import io.userpools.attribute.AttributeValues;
import io.userpools.common.error.CognitoException;
import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import io.userpools.user.ImportedUsers;
import io.userpools.user.NewUsers;
import io.userpools.user.UserChange;
import io.userpools.user.UserStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of one import line, pure: the username rules and attribute checks of AdminCreateUser
 * ({@link NewUsers#username}, {@link AttributePolicy#checkCreate}), then Cognito's import rules:
 * every required attribute has a value, {@code cognito:mfa_enabled} is a Boolean, and at least one
 * of the pool's auto-verified attributes is verified (true) for the user. A line that passes
 * becomes an {@link ImportedUsers.NewUser} (stored attributes and sign-in identifiers); one that fails gives the
 * reason, which never quotes the line's values.
 */
public final class ImportRows {

    /** AdminCreateUser's username shape. */
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    private static final int MAX_USERNAME = 128;

    /** A line that creates nothing, and why. */
    public record Failure(long line, String reason) {
    }

    private ImportRows() {
    }

    /** Whether the pool can take an import at all: Cognito needs an auto-verified attribute. */
    public static boolean importable(Pool pool) {
        return !pool.settings().autoVerifiedAttributes().isEmpty();
    }

    /**
     * Checks one line against the pool.
     *
     * @param columns the file's header (already checked by {@link CsvHeader#check})
     * @return an {@link ImportedUsers.NewUser} or a {@link Failure}
     */
    public static Object check(Pool pool, List<String> columns, CsvRecords.Record record, UUID sub) {
        long line = record.line();
        List<String> fields = record.fields();
        if (fields.size() != columns.size()) {
            return new Failure(line, "The line has " + fields.size() + " fields; the header has " + columns.size());
        }
        String requested = null;
        String mfa = "";
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String value = fields.get(i);
            switch (column) {
                case CsvHeader.USERNAME -> requested = value;
                case CsvHeader.MFA_ENABLED -> mfa = value;
                default -> {
                    if (!value.isEmpty()) {
                        attributes.put(column, value);
                    }
                }
            }
        }
        if (requested == null || requested.isEmpty()) {
            return new Failure(line, CsvHeader.USERNAME + " is required");
        }
        if (requested.length() > MAX_USERNAME || !USERNAME.matcher(requested).matches()) {
            return new Failure(line, CsvHeader.USERNAME + " must be 1 to " + MAX_USERNAME
                    + " letters, digits, symbols or punctuation");
        }
        if (!mfa.isEmpty() && !AttributeValues.isBoolean(mfa)) {
            return new Failure(line, CsvHeader.MFA_ENABLED + " must be true or false");
        }
        if ("true".equals(mfa)) {
            // Our wording [D]: Userpools has no MFA, so a user that needs it can't be imported.
            return new Failure(line, CsvHeader.MFA_ENABLED + " is true, but this user pool has no MFA");
        }
        try {
            String username = NewUsers.username(pool, requested, attributes, sub);
            AttributePolicy.checkCreate(pool, attributes);
            String missing = missingRequired(pool, attributes);
            if (missing != null) {
                return new Failure(line, "user." + missing + ": The attribute is required");
            }
            if (!autoVerified(pool, attributes)) {
                return new Failure(line, "At least one auto-verified attribute of the user pool ("
                        + String.join(", ", pool.settings().autoVerifiedAttributes())
                        + ") must be verified (<attribute>_verified = true)");
            }
            Map<String, String> stored = NewUsers.stored(attributes, sub);
            UserChange change = AttributePolicy.planCreate(pool, UserStatus.RESET_REQUIRED, stored, false);
            Map<String, String> aliases = new LinkedHashMap<>();
            change.aliasesToAdd().forEach((name, value) -> aliases.put(name, pool.key(value)));
            change.aliasesToMove().forEach((name, value) -> aliases.put(name, pool.key(value)));
            return new ImportedUsers.NewUser(line, sub, username, pool.key(username), stored, aliases);
        } catch (CognitoException e) {
            return new Failure(line, e.getMessage());
        }
    }

    private static String missingRequired(Pool pool, Map<String, String> attributes) {
        for (AttributeDefinition definition : pool.schema()) {
            if (definition.required() && !StandardAttributes.SUB.equals(definition.name())
                    && !attributes.containsKey(definition.name())) {
                return definition.name();
            }
        }
        return null;
    }

    private static boolean autoVerified(Pool pool, Map<String, String> attributes) {
        for (String attribute : pool.settings().autoVerifiedAttributes()) {
            if ("true".equals(attributes.get(StandardAttributes.verifiedFlagOf(attribute)))) {
                return true;
            }
        }
        return false;
    }
}
