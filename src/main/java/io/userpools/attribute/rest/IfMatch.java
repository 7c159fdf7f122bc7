package io.userpools.attribute.rest;

import io.userpools.common.error.PreconditionFailedException;

/** Reads the version out of an {@code If-Match} header ({@code "7"}); {@code *} matches any. */
final class IfMatch {

    private IfMatch() {
    }

    static Long version(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String value = header.trim();
        if (value.length() > 2 && value.startsWith("\"") && value.endsWith("\"")) {
            try {
                return Long.parseLong(value.substring(1, value.length() - 1));
            } catch (NumberFormatException e) {
                // fall through: an entity tag we never issued matches nothing
            }
        }
        throw new PreconditionFailedException("If-Match " + value + " matches no version of this user.");
    }
}
