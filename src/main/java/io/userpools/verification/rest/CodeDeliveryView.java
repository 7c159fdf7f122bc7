package io.userpools.verification.rest;

import io.userpools.verification.CodeDeliveryDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The GetUserAttributeVerificationCode answer: where the code went (masked). */
@Schema(requiredProperties = {"codeDeliveryDetails"})
public record CodeDeliveryView(CodeDeliveryDetails codeDeliveryDetails) {
}
