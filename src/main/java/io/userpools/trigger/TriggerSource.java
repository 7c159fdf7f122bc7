package io.userpools.trigger;

/** The CustomMessage trigger sources this service fires ([2.14]). */
public enum TriggerSource {
    /** Email or phone changed by AdminUpdateUserAttributes or UpdateUserAttributes. */
    CustomMessage_UpdateUserAttribute,
    /** A code asked for by GetUserAttributeVerificationCode. */
    CustomMessage_VerifyUserAttribute,
    /** The invitation of AdminCreateUser, on creation and with MessageAction RESEND. */
    CustomMessage_AdminCreateUser
}
