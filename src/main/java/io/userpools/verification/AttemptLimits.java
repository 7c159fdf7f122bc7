package io.userpools.verification;

import io.userpools.common.error.LimitExceededException;
import java.time.Duration;
import java.time.Instant;

/**
 * Per-user attempt limits in fixed one-hour windows ([3.4]): at most 5 code requests and 15 verify
 * attempts per user and hour. Pure.
 */
public enum AttemptLimits {
    /** GetUserAttributeVerificationCode calls. */
    SEND_CODE(5),
    /** VerifyUserAttribute calls, right or wrong. */
    VERIFY(15),
    /** ResendConfirmationCode calls (lifecycle 1.2). */
    RESEND_SIGN_UP_CODE(5),
    /** ConfirmSignUp calls, right or wrong (lifecycle 1.2). */
    CONFIRM_SIGN_UP(15),
    /** ForgotPassword and ConfirmForgotPassword together (lifecycle spec 1.2: 10 per user and hour). */
    PASSWORD_RESET(10),
    /** ChangePassword calls, right or wrong (lifecycle spec 1.2: 5 per user and hour). */
    CHANGE_PASSWORD(5);

    public static final Duration WINDOW = Duration.ofHours(1);
    public static final String MESSAGE = "Attempt limit exceeded, please try after some time.";

    private final int perWindow;

    AttemptLimits(int perWindow) {
        this.perWindow = perWindow;
    }

    public int perWindow() {
        return perWindow;
    }

    /**
     * Checks the count after this attempt was recorded.
     *
     * @param attempts    attempts in the window, this one included
     * @param windowStart when the window began
     * @throws LimitExceededException with the seconds until the window ends as Retry-After
     */
    public void check(int attempts, Instant windowStart, Instant now) {
        if (attempts > perWindow) {
            long wait = Duration.between(now, windowStart.plus(WINDOW)).toSeconds();
            throw new LimitExceededException(MESSAGE, Math.max(1, wait));
        }
    }
}
