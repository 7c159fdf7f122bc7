package io.userpools.attribute;

import io.userpools.user.PoolUser;
import io.userpools.verification.CodeDeliveryDetails;
import java.util.List;

/** The user after an attribute write, and the codes that the write sent. */
public record UpdateOutcome(PoolUser user, List<CodeDeliveryDetails> deliveries) {
}
