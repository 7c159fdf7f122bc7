package io.userpools.signup;

import io.userpools.verification.CodeDeliveryDetails;
import java.util.UUID;

/**
 * What SignUp answers: never confirmed here (no pre sign-up trigger), the new {@code sub}, and
 * where the confirmation code went (null when no auto-verified attribute has a value).
 */
public record SignUpResult(boolean userConfirmed, UUID userSub, CodeDeliveryDetails codeDeliveryDetails) {
}
