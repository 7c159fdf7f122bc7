package io.userpools.verification;

/**
 * Where a code went, as Cognito reports it: the masked destination, the medium and the attribute.
 *
 * @param destination    masked email ({@code f***@e***}) or phone ({@code +*******1212})
 * @param deliveryMedium EMAIL or SMS
 * @param attributeName  email or phone_number
 */
public record CodeDeliveryDetails(String destination, DeliveryMedium deliveryMedium, String attributeName) {

    /** The two ways a code travels. */
    public enum DeliveryMedium {
        EMAIL, SMS
    }

    /** The details for a code sent to {@code value} of {@code attribute} (email or phone_number). */
    public static CodeDeliveryDetails of(String attribute, String value) {
        DeliveryMedium medium = mediumOf(attribute);
        String masked = medium == DeliveryMedium.EMAIL ? Masking.email(value) : Masking.phone(value);
        return new CodeDeliveryDetails(masked, medium, attribute);
    }

    /** EMAIL for {@code email}, SMS for {@code phone_number}. */
    public static DeliveryMedium mediumOf(String attribute) {
        return "email".equals(attribute) ? DeliveryMedium.EMAIL : DeliveryMedium.SMS;
    }
}
