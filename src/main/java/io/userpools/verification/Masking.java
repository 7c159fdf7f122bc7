package io.userpools.verification;

/**
 * Cognito's masking of code destinations ([2.1] "Code delivery details"). Pure functions.
 */
public final class Masking {

    private Masking() {
    }

    /**
     * First character of the local part, {@code ***@}, first character of the domain, {@code ***}:
     * {@code foo@example.com} becomes {@code f***@e***}. A value without {@code @} masks as a
     * local part alone.
     */
    public static String email(String value) {
        if (value == null || value.isEmpty()) {
            return "***";
        }
        int at = value.lastIndexOf('@');
        String local = at < 0 ? value : value.substring(0, at);
        String domain = at < 0 ? "" : value.substring(at + 1);
        StringBuilder masked = new StringBuilder();
        masked.append(local.isEmpty() ? "" : local.substring(0, local.offsetByCodePoints(0, 1))).append("***@");
        masked.append(domain.isEmpty() ? "" : domain.substring(0, domain.offsetByCodePoints(0, 1))).append("***");
        return masked.toString();
    }

    /**
     * Keeps {@code +} and the last four digits, every other digit becomes {@code *}:
     * {@code +14325551212} becomes {@code +*******1212} [D on the star count].
     */
    public static String phone(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int digits = (int) value.chars().filter(Character::isDigit).count();
        int keepFrom = digits - 4;
        StringBuilder masked = new StringBuilder(value.length());
        int seen = 0;
        for (char c : value.toCharArray()) {
            if (Character.isDigit(c)) {
                masked.append(seen++ >= keepFrom ? c : '*');
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }
}
