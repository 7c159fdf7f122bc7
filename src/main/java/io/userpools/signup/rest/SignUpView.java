package io.userpools.signup.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.signup.SignUpResult;
import io.userpools.verification.CodeDeliveryDetails;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The SignUp answer: never confirmed here, the new sub, and where the code went when one was sent. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"userConfirmed", "userSub"})
public record SignUpView(boolean userConfirmed, String userSub, CodeDeliveryDetails codeDeliveryDetails) {

    static SignUpView of(SignUpResult result) {
        return new SignUpView(result.userConfirmed(), result.userSub().toString(), result.codeDeliveryDetails());
    }
}
