package io.userpools.trigger;

/** The CustomMessage trigger sources this service fires ([2.14]). */
public enum TriggerSource {
    /** Email or phone changed by AdminUpdateUserAttributes or UpdateUserAttributes. */
    CustomMessage_UpdateUserAttribute,
    /** A code asked for by GetUserAttributeVerificationCode. */
    CustomMessage_VerifyUserAttribute,
    /** The confirmation code of SignUp. */
    CustomMessage_SignUp,
    /** A confirmation code asked for again by ResendConfirmationCode. */
    CustomMessage_ResendCode,
    /** A password reset code: ForgotPassword and AdminResetUserPassword (lifecycle spec 8.1). */
    CustomMessage_ForgotPassword,
    /** The invitation of AdminCreateUser, on creation and with MessageAction RESEND. */
    CustomMessage_AdminCreateUser
}
