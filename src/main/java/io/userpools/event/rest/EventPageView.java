package io.userpools.event.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.userpools.event.ChangeEvent;
import io.userpools.event.EventFeed;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the feed and the cursor that asks for what follows it. */
@RegisterForReflection
public record EventPageView(List<ChangeEvent> events,
        @Schema(description = "Opaque; pass it as `after` to get the events that follow. Never expires. "
                + "When no event followed, it is the cursor that was passed.", example = "ZXYxOnVzLWVhc3QtMV9BYjNkRTZnSDk6ODIxOjEwNDI")
        String cursor) {

    static EventPageView of(EventFeed.Page page) {
        return new EventPageView(page.events(), page.next().text());
    }
}
