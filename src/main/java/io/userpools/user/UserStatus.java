package io.userpools.user;

/** Cognito's user statuses that this service produces. */
public enum UserStatus {
    UNCONFIRMED, CONFIRMED, RESET_REQUIRED, FORCE_CHANGE_PASSWORD
}
