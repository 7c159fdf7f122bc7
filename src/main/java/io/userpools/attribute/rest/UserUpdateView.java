package io.userpools.attribute.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.userpools.attribute.UpdateOutcome;
import io.userpools.user.rest.UserView;
import io.userpools.verification.CodeDeliveryDetails;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The admin PATCH answer: the user view ({@link UserView}'s fields, flat), plus where codes went
 * when the write sent any. Flat rather than an unwrapped {@code UserView}: Jackson writes flat
 * fields directly, unwrapped ones through a buffering serializer.
 */
public record UserUpdateView(String username, String sub, boolean enabled, String status, Instant createdAt,
        Instant lastModifiedAt, Map<String, String> attributes, Map<String, String> pendingAttributes, long version,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CodeDeliveryDetails> codeDeliveryDetails) {

    public static UserUpdateView of(UpdateOutcome outcome) {
        UserView user = UserView.of(outcome.user());
        return new UserUpdateView(user.username(), user.sub(), user.enabled(), user.status(), user.createdAt(),
                user.lastModifiedAt(), user.attributes(), user.pendingAttributes(), user.version(),
                outcome.deliveries());
    }
}
