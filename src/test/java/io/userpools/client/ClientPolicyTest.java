package io.userpools.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.AttributeType;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.StandardAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientPolicyTest {

    private static Pool pool() {
        List<AttributeDefinition> schema = new ArrayList<>();
        for (AttributeDefinition a : StandardAttributes.DEFAULTS) {
            schema.add(a.name().equals("family_name") ? a.withFlags(true, true) : a);
        }
        schema.add(new AttributeDefinition("custom:tier", AttributeType.String, true, false, false, 0, 2048, null, null));
        schema.add(new AttributeDefinition("dev:custom:legacy", AttributeType.String, true, false, true, 0, 2048, null, null));
        return new Pool("us-east-1_abc123456", "p", new PoolSettings(List.of(), List.of(), List.of(), List.of(), true,
                null, null, null, null), schema, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void defaultReadIsEveryStandardAttributeWithoutCustomOnes() {
        List<String> read = ClientPolicy.readAttributes(pool(), null);
        assertThat(read).hasSize(20).contains("sub", "email_verified", "phone_number_verified")
                .doesNotContain("custom:tier");
    }

    @Test
    void defaultWriteIsEveryWritableStandardAttribute() {
        List<String> write = ClientPolicy.writeAttributes(pool(), null);
        assertThat(write).hasSize(17).contains("email", "family_name", "updated_at")
                .doesNotContain("sub", "email_verified", "phone_number_verified", "custom:tier");
    }

    @Test
    void requiredAttributesAreAlwaysWritableAndSubAlwaysReadable() {
        assertThat(ClientPolicy.writeAttributes(pool(), List.of("custom:tier")))
                .containsExactly("custom:tier", "family_name");
        assertThat(ClientPolicy.readAttributes(pool(), List.of("email"))).containsExactly("sub", "email");
    }

    @Test
    void forbiddenWritesAndUnknownReadsAreRejected() {
        for (String name : List.of("sub", "email_verified", "dev:custom:legacy", "custom:nope", "tier")) {
            assertThatThrownBy(() -> ClientPolicy.writeAttributes(pool(), List.of(name)))
                    .isInstanceOf(InvalidParameterException.class).hasMessage(ClientPolicy.INVALID_WRITE);
        }
        assertThatThrownBy(() -> ClientPolicy.readAttributes(pool(), List.of("custom:nope")))
                .isInstanceOf(InvalidParameterException.class).hasMessage(ClientPolicy.INVALID_READ);
    }

    @Test
    void validitiesFollowUnitsAndRanges() {
        PoolSettings.TokenValidity defaults = PoolSettings.TokenValidity.DEFAULT;
        assertThat(ClientPolicy.validitySeconds("access", null, "hours", defaults)).isEqualTo(3600);
        assertThat(ClientPolicy.validitySeconds("access", 5L, "minutes", defaults)).isEqualTo(300);
        assertThat(ClientPolicy.validitySeconds("access", 1L, "days", defaults)).isEqualTo(86_400);
        assertThat(ClientPolicy.validitySeconds("refresh", 3650L, "days", defaults)).isEqualTo(3650L * 86_400);
        assertThatThrownBy(() -> ClientPolicy.validitySeconds("access", 299L, "seconds", defaults))
                .hasMessage(ClientPolicy.INVALID_VALIDITY);
        assertThatThrownBy(() -> ClientPolicy.validitySeconds("id", 25L, "hours", defaults))
                .hasMessage(ClientPolicy.INVALID_VALIDITY);
        assertThatThrownBy(() -> ClientPolicy.validitySeconds("refresh", 59L, "minutes", defaults))
                .hasMessage(ClientPolicy.INVALID_VALIDITY);
        assertThat(ClientPolicy.inUnit(5400, "hours")).isEqualTo(1);
    }

    @Test
    void authFlowsDefaultToCognitos() {
        assertThat(ClientPolicy.authFlows(null))
                .containsExactly("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");
        assertThatThrownBy(() -> ClientPolicy.authFlows(List.of("USER_PASSWORD_AUTH")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aRefreshValidityOfZeroIsTheDefaultButNotForOtherTokens() {
        PoolSettings.TokenValidity defaults = PoolSettings.TokenValidity.DEFAULT;
        assertThat(ClientPolicy.validitySeconds("refresh", 0L, "days", defaults)).isEqualTo(30L * 86_400);
        assertThatThrownBy(() -> ClientPolicy.validitySeconds("access", 0L, "hours", defaults))
                .hasMessage(ClientPolicy.INVALID_VALIDITY);
    }

    @Test
    void aValidityIsShownInAUnitThatDividesIt() {
        assertThat(ClientPolicy.fittingUnit(3600, "hours")).isEqualTo("hours");
        assertThat(ClientPolicy.fittingUnit(5400, "hours")).isEqualTo("minutes");
        assertThat(ClientPolicy.fittingUnit(90_000, "days")).isEqualTo("hours");
        assertThat(ClientPolicy.fittingUnit(301, "minutes")).isEqualTo("seconds");
        assertThat(ClientPolicy.fittingUnit(86_400, "seconds")).isEqualTo("seconds");
    }

    @Test
    void updatesSayUpdatingInTheirTexts() {
        assertThatThrownBy(() -> ClientPolicy.writeAttributes(pool(), List.of("sub"), true))
                .hasMessage(ClientPolicy.INVALID_WRITE_UPDATE);
        assertThatThrownBy(() -> ClientPolicy.readAttributes(pool(), List.of("custom:nope"), true))
                .hasMessage(ClientPolicy.INVALID_READ_UPDATE);
    }

    @Test
    void cognitoOnlySettingsAreAcceptedOnlyAtWhatUserpoolsDoes() {
        assertThat(ClientPolicy.cognitoOnly(null)).isEmpty();
        assertThat(ClientPolicy.cognitoOnly(CognitoOnlySettings.NONE)).isEmpty();
        CognitoOnlySettings harmless = new CognitoOnlySettings(true, false, 3, List.of("COGNITO", "COGNITO"),
                List.of(), List.of(), null, List.of(), List.of(), false, false);
        assertThat(ClientPolicy.cognitoOnly(harmless)).containsExactly("COGNITO");
        List<CognitoOnlySettings> refused = List.of(
                new CognitoOnlySettings(false, null, null, null, null, null, null, null, null, null, false),
                new CognitoOnlySettings(null, true, null, null, null, null, null, null, null, null, false),
                new CognitoOnlySettings(null, null, 15, null, null, null, null, null, null, null, false),
                new CognitoOnlySettings(null, null, null, List.of("COGNITO", "Google"), null, null, null, null, null,
                        null, false),
                new CognitoOnlySettings(null, null, null, null, List.of("https://a.example/cb"), null, null, null,
                        null, null, false),
                new CognitoOnlySettings(null, null, null, null, null, List.of("https://a.example/"), null, null,
                        null, null, false),
                new CognitoOnlySettings(null, null, null, null, null, null, "https://a.example/cb", null, null,
                        null, false),
                new CognitoOnlySettings(null, null, null, null, null, null, null, List.of("code"), null, null,
                        false),
                new CognitoOnlySettings(null, null, null, null, null, null, null, null, List.of("openid"), null,
                        false),
                new CognitoOnlySettings(null, null, null, null, null, null, null, null, null, true, false),
                new CognitoOnlySettings(null, null, null, null, null, null, null, null, null, null, true));
        for (CognitoOnlySettings settings : refused) {
            assertThatThrownBy(() -> ClientPolicy.cognitoOnly(settings)).as("%s", settings)
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Userpools");
        }
    }
}
