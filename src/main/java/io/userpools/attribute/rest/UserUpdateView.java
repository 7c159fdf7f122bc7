package io.userpools.attribute.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.attribute.UpdateOutcome;
import io.userpools.user.rest.UserView;
import io.userpools.verification.CodeDeliveryDetails;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The admin PATCH answer: the user view, plus where codes went when the write sent any. Returned
 * inside a {@code Response}, so Quarkus REST cannot see it as an answer type: registered here for
 * Jackson in native mode.
 */
@RegisterForReflection
@Schema(requiredProperties = {"username", "sub", "enabled", "status", "createdAt", "lastModifiedAt", "attributes",
    "pendingAttributes", "version"}) // those of the unwrapped UserView
public record UserUpdateView(
        @JsonUnwrapped UserView user,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CodeDeliveryDetails> codeDeliveryDetails) {

    public static UserUpdateView of(UpdateOutcome outcome) {
        return new UserUpdateView(UserView.of(outcome.user()), outcome.deliveries());
    }
}
