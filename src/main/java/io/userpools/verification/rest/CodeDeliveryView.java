package io.userpools.verification.rest;

import io.userpools.verification.CodeDeliveryDetails;

/** The GetUserAttributeVerificationCode answer: where the code went (masked). */
public record CodeDeliveryView(CodeDeliveryDetails codeDeliveryDetails) {
}
