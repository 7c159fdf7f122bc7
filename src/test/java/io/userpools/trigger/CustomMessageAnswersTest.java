package io.userpools.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userpools.common.error.InvalidLambdaResponseException;
import io.userpools.common.error.UnexpectedLambdaException;
import io.userpools.common.error.UserLambdaValidationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CustomMessageAnswersTest {

    private final ObjectMapper json = new ObjectMapper();

    private CustomMessageEvent.Response read(int status, String body) {
        return read(status, body, false);
    }

    private CustomMessageEvent.Response read(int status, String body, boolean reflectVetoMessage) {
        return CustomMessageAnswers.interpret(json, status, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                reflectVetoMessage);
    }

    @Test
    void filledResponseIsUsed() {
        CustomMessageEvent.Response response = read(200, "{\"version\":\"1\",\"response\":{\"smsMessage\":\"s {####}\","
                + "\"emailMessage\":\"e {####}\",\"emailSubject\":\"hi\"}}");
        assertThat(response).isEqualTo(new CustomMessageEvent.Response("s {####}", "e {####}", "hi"));
    }

    @Test
    void emptyBodyOrNullResponseMeansPoolTemplate() {
        assertThat(read(200, "")).isEqualTo(CustomMessageEvent.Response.EMPTY);
        assertThat(read(204, null)).isEqualTo(CustomMessageEvent.Response.EMPTY);
        assertThat(read(200, "{\"response\":null}")).isEqualTo(CustomMessageEvent.Response.EMPTY);
        assertThat(read(200, "{\"response\":{}}")).isEqualTo(CustomMessageEvent.Response.EMPTY);
    }

    @Test
    void nonSuccessWithMessageIsAVetoWithAFixedText() {
        assertThatThrownBy(() -> read(400, "{\"message\":\"no spam\"}"))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessage("CustomMessage failed with error the webhook vetoed the message.");
    }

    @Test
    void aVetoCarriesTheWebhooksMessageOnlyWhenConfigurationAsksForCognitosText() {
        assertThatThrownBy(() -> read(400, "{\"message\":\"no spam\"}", true))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessage("CustomMessage failed with error no spam.");
    }

    @Test
    void nonSuccessWithoutMessageIsUnexpectedAndNamesNeitherStatusNorBody() {
        for (int status : new int[] {500, 503, 404, 302, 101}) {
            for (String body : new String[] {"oops", "", "{\"message\":42}", "{\"error\":\"db at 10.0.0.5 down\"}"}) {
                assertThatThrownBy(() -> read(status, body)).as(status + " " + body)
                        .isInstanceOf(UnexpectedLambdaException.class)
                        .hasMessage("CustomMessage invocation failed due to error calling the webhook.");
            }
        }
    }

    @Test
    void garbageIsUnrecognizable() {
        for (String body : new String[] {"not json", "[1,2]", "{\"other\":1}", "{\"response\":\"x\"}",
                "{\"response\":{\"smsMessage\":5}}"}) {
            assertThatThrownBy(() -> read(200, body)).as(body)
                    .isInstanceOf(InvalidLambdaResponseException.class)
                    .hasMessage("Unrecognizable lambda output");
        }
    }
}
