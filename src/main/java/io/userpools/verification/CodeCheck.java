package io.userpools.verification;

import java.time.Instant;

/**
 * The pure decision of VerifyUserAttribute ([2.6] steps 5-7, [3.2]): what an offered code does,
 * given the stored code and the user's active and pending values.
 */
public final class CodeCheck {

    /** What the offered code leads to. */
    public enum Outcome {
        /** No code, a used code, an expired code, or a code for a value the user no longer has. */
        EXPIRED,
        /** Expired while its value was still pending: the pending value is dropped too [D]. */
        EXPIRED_DROP_PENDING,
        /** Wrong code. */
        MISMATCH,
        /** The pending value becomes active and verified. */
        PROMOTE_PENDING,
        /** The active value becomes verified; any pending value stays. */
        CONFIRM_ACTIVE
    }

    private CodeCheck() {
    }

    /**
     * @param code    the stored code, or null
     * @param matches whether the offered code's HMAC equals the stored one (ignored without a code)
     * @param active  the user's active value of the attribute, or null
     * @param pending the value waiting for verification, or null
     */
    public static Outcome decide(StoredCode code, boolean matches, String active, String pending, Instant now) {
        if (code == null || code.consumedAt() != null) {
            return Outcome.EXPIRED;
        }
        if (code.spentOrExpired(now)) {
            return code.targetValue().equals(pending) ? Outcome.EXPIRED_DROP_PENDING : Outcome.EXPIRED;
        }
        if (!matches) {
            return Outcome.MISMATCH;
        }
        if (code.targetValue().equals(pending)) {
            return Outcome.PROMOTE_PENDING;
        }
        if (code.targetValue().equals(active)) {
            return Outcome.CONFIRM_ACTIVE;
        }
        return Outcome.EXPIRED;
    }
}
