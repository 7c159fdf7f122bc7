package io.userpools.attribute.rest;

import io.userpools.attribute.ClientPermissions;
import io.userpools.attribute.UpdateOutcome;
import io.userpools.auth.rest.SelfUserView;
import io.userpools.user.rest.UserView;
import io.userpools.verification.CodeDeliveryDetails;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The UpdateUserAttributes answer: where codes went (empty when none was sent) and the user as
 * the token's client may read it.
 */
@Schema(requiredProperties = {"codeDeliveryDetails", "user"})
public record SelfUpdateView(List<CodeDeliveryDetails> codeDeliveryDetails, UserView user) {

    public static SelfUpdateView of(UpdateOutcome outcome, ClientPermissions client) {
        return new SelfUpdateView(List.copyOf(outcome.deliveries()), SelfUserView.of(outcome.user(), client));
    }
}
