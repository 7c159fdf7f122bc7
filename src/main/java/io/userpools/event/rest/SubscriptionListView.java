package io.userpools.event.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.event.Subscription;
import java.util.List;

/** The pool's subscriptions, oldest first. */
@RegisterForReflection
public record SubscriptionListView(List<SubscriptionView> subscriptions) {

    static SubscriptionListView of(List<Subscription> subscriptions) {
        return new SubscriptionListView(subscriptions.stream().map(SubscriptionView::of).toList());
    }
}
