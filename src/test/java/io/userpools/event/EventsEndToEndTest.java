package io.userpools.event;

import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real write paths (history on main) give the feed and the subscriptions their events. */
@QuarkusTest
class EventsEndToEndTest {

    @Test
    void theWritePathsOfOneUserGiveItsEventsInOrderInTheFeedAndToASubscriber() throws Exception {
        String poolId = createPool();
        try (Subscriber subscriber = new Subscriber()) {
            SubscriptionResourceTest.subscribe(poolId, subscriber.url(), EventTypes.ALL);
            createUser(poolId, "jane", Map.of("email", "jane@example.com"));
            adminJson(Map.of("attributes", Map.of("name", "Jane", "email", "jane@example.com", "email_verified", "true")))
                    .when().patch("/pools/{poolId}/users/{username}/attributes", poolId, "jane").then().statusCode(200);
            admin().when().post("/pools/{poolId}/users/{username}/disable", poolId, "jane").then().statusCode(204);
            admin().when().post("/pools/{poolId}/users/{username}/enable", poolId, "jane").then().statusCode(204);
            admin().when().delete("/pools/{poolId}/users/{username}", poolId, "jane").then().statusCode(204);

            JsonPath feed = admin().when().get("/pools/{poolId}/events", poolId).then().statusCode(200)
                    .extract().jsonPath();
            List<List<String>> types = feed.getList("events.types");
            assertThat(types).containsExactly(List.of("user.created"),
                    List.of("user.attributes.changed", "user.attribute.verified"), List.of("user.disabled"),
                    List.of("user.enabled"), List.of("user.deleted"));
            assertThat(feed.getList("events.user.username", String.class)).containsOnly("jane");
            assertThat(feed.getList("events.actor.type", String.class)).containsOnly("admin");
            assertThat(feed.getString("events[1].changes.attributes.name.new")).isEqualTo("Jane");
            List<String> ids = feed.getList("events.id", String.class);

            long deadline = System.nanoTime() + 20_000_000_000L;
            while (subscriber.acknowledged().size() < ids.size()) {
                assertThat(System.nanoTime()).as("every event delivered in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            assertThat(subscriber.acknowledged()).containsExactlyElementsOf(ids);
        }
    }
}
