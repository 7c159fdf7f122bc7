package io.userpools.trigger;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code userpools_trigger_calls_total{outcome}} from {@code /q/metrics}. */
final class TriggerCalls {

    private TriggerCalls() {
    }

    /** The calls counted with this outcome so far (0 before the first). */
    static long count(String outcome) {
        String metrics = io.userpools.support.Api.admin().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^userpools_trigger_calls_total\\{outcome=\"" + Pattern.quote(outcome)
                + "\"} ([0-9.E]+)$").matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }
}
