package io.userpools.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void emailKeepsTheFirstCharacterOfLocalPartAndDomain() {
        assertThat(Masking.email("foo@example.com")).isEqualTo("f***@e***");
        assertThat(Masking.email("x@y.org")).isEqualTo("x***@y***");
    }

    @Test
    void emailWithAtInTheLocalPartSplitsAtTheLastAt() {
        assertThat(Masking.email("\"a@b\"@mail.example")).isEqualTo("\"***@m***");
    }

    @Test
    void phoneKeepsPlusAndTheLastFourDigits() {
        assertThat(Masking.phone("+14325551212")).isEqualTo("+*******1212");
        assertThat(Masking.phone("+4930123")).isEqualTo("+***0123");
    }

    @Test
    void shortPhoneKeepsWhatItHas() {
        assertThat(Masking.phone("+123")).isEqualTo("+123");
    }

    @Test
    void deliveryDetailsPickMediumAndMask() {
        assertThat(CodeDeliveryDetails.of("email", "jane@example.com"))
                .isEqualTo(new CodeDeliveryDetails("j***@e***", DeliveryMedium.EMAIL, "email"));
        assertThat(CodeDeliveryDetails.of("phone_number", "+14325551212"))
                .isEqualTo(new CodeDeliveryDetails("+*******1212", DeliveryMedium.SMS, "phone_number"));
    }
}
