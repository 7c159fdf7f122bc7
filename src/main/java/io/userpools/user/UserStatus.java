package io.userpools.user;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Cognito's user statuses that this service produces. */
@RegisterForReflection // a component of the user views, which Jackson writes by reflection in native mode
public enum UserStatus {
    UNCONFIRMED, CONFIRMED, RESET_REQUIRED, FORCE_CHANGE_PASSWORD
}
