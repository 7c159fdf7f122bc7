package io.userpools.support;

import static io.restassured.RestAssured.given;

/**
 * Reads one series from {@code /q/metrics} (Prometheus text), as an operator's scraper would: with
 * a metrics key, which reads the metrics and nothing else.
 */
public final class Scrape {

    private Scrape() {
    }

    /**
     * The value of a series named with its labels as Prometheus prints them (sorted by name), such
     * as {@code userpools_codes_sent_total{medium="EMAIL"}}; 0 when it is not there yet.
     */
    public static double value(String series) {
        String metrics = given().header("Authorization", "Bearer " + Api.METRICS_SECRET)
                .when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    /** Waits (up to 15 s) until the series reaches at least {@code atLeast}, and answers its value. */
    public static double await(String series, double atLeast) {
        long deadline = System.currentTimeMillis() + 15_000;
        double value = value(series);
        while (value < atLeast && System.currentTimeMillis() < deadline) {
            Mailbox.sleep(100);
            value = value(series);
        }
        return value;
    }
}
