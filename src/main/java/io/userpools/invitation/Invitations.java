package io.userpools.invitation;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.StandardAttributes;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which media an AdminCreateUser invitation goes out on (lifecycle spec 5.1). Pure.
 *
 * <ul>
 *   <li>{@code SUPPRESS}: none, and the requested media are not checked.</li>
 *   <li>{@code DesiredDeliveryMediums} given: each of them, in the order given; each needs its
 *       attribute ({@code email}, {@code phone_number}) on the user.</li>
 *   <li>Omitted (Cognito's default {@code ["SMS"]}): SMS when the user has a phone number, else
 *       EMAIL when it has an email, else no invitation and no error [D].</li>
 * </ul>
 */
public final class Invitations {

    public static final String SUPPRESS = "SUPPRESS";
    public static final String RESEND = "RESEND";
    static final String NO_EMAIL = "No email provided but desired delivery medium was Email";
    static final String NO_PHONE = "No phone number provided but desired delivery medium was SMS";

    private Invitations() {
    }

    /**
     * The media to send the invitation on.
     *
     * @param messageAction {@code SUPPRESS}, {@code RESEND} or null
     * @param desired       {@code EMAIL} and/or {@code SMS}, or null (an empty list counts as omitted)
     * @param attributes    the user's attributes
     * @throws InvalidParameterException when a requested medium's attribute is missing
     */
    public static List<DeliveryMedium> media(String messageAction, List<String> desired,
            Map<String, String> attributes) {
        if (SUPPRESS.equals(messageAction)) {
            return List.of();
        }
        boolean email = has(attributes, StandardAttributes.EMAIL);
        boolean phone = has(attributes, StandardAttributes.PHONE_NUMBER);
        if (desired == null || desired.isEmpty()) {
            return phone ? List.of(DeliveryMedium.SMS) : email ? List.of(DeliveryMedium.EMAIL) : List.of();
        }
        List<DeliveryMedium> media = new ArrayList<>();
        for (String name : desired) {
            DeliveryMedium medium = DeliveryMedium.valueOf(name.toUpperCase(Locale.ROOT));
            if (medium == DeliveryMedium.EMAIL && !email) {
                throw new InvalidParameterException(NO_EMAIL);
            }
            if (medium == DeliveryMedium.SMS && !phone) {
                throw new InvalidParameterException(NO_PHONE);
            }
            if (!media.contains(medium)) {
                media.add(medium);
            }
        }
        return media;
    }

    /** The attribute a medium sends to. */
    public static String attributeOf(DeliveryMedium medium) {
        return medium == DeliveryMedium.EMAIL ? StandardAttributes.EMAIL : StandardAttributes.PHONE_NUMBER;
    }

    private static boolean has(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        return value != null && !value.isEmpty();
    }
}
