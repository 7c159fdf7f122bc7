package io.userpools.verification;

/** Where a verification code went: masked destination, EMAIL or SMS, and the attribute. */
public record CodeDeliveryDetails(String destination, String deliveryMedium, String attributeName) {
}
