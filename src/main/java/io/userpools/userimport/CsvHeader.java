package io.userpools.userimport;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The header of an import file: GetCSVHeader's answer for a pool (its attributes in schema order,
 * {@code sub} left out, then {@code cognito:mfa_enabled} and {@code cognito:username}, as
 * Cognito's documented sample), and the check of a file's header against it. Columns may come in
 * any order. [D] A file may leave out attribute columns (Cognito asks for every column of the
 * template; a missing one here is an empty value) but must name {@code cognito:username}.
 */
public final class CsvHeader {

    public static final String USERNAME = "cognito:username";
    public static final String MFA_ENABLED = "cognito:mfa_enabled";
    /** Longest column name quoted back in a message. */
    private static final int QUOTED = 40;

    private CsvHeader() {
    }

    /** GetCSVHeader: the columns of a complete import file for this pool. */
    public static List<String> of(Pool pool) {
        List<String> header = new ArrayList<>();
        for (AttributeDefinition attribute : pool.schema()) {
            if (!StandardAttributes.SUB.equals(attribute.name())) {
                header.add(attribute.name());
            }
        }
        header.add(MFA_ENABLED);
        header.add(USERNAME);
        return header;
    }

    /**
     * Checks a file's header: every column is one of {@link #of}, none twice, and
     * {@code cognito:username} is there.
     *
     * @throws InvalidParameterException naming the first column at fault
     */
    public static void check(Pool pool, List<String> columns) {
        Set<String> known = new HashSet<>(of(pool));
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!known.contains(column)) {
                throw new InvalidParameterException("The CSV header names " + quote(column)
                        + ", which is not an attribute of the user pool (see GetCSVHeader)");
            }
            if (!seen.add(column)) {
                throw new InvalidParameterException("The CSV header names " + quote(column) + " twice");
            }
        }
        if (!seen.contains(USERNAME)) {
            throw new InvalidParameterException("The CSV header must name the column " + USERNAME);
        }
    }

    /** A column name as a message may show it: cut short, control characters replaced. */
    static String quote(String value) {
        String cut = value.length() > QUOTED ? value.substring(0, QUOTED) + "..." : value;
        StringBuilder out = new StringBuilder("'");
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.append('\'').toString();
    }
}
