package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userpools.attribute.ClientPermissions;
import io.userpools.client.Client;
import io.userpools.client.ClientPolicy;
import io.userpools.pool.Pool;
import io.userpools.user.PoolUser;
import io.userpools.verification.CodeDeliveryDetails;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The output shapes of Cognito's model, written from the domain's records. */
final class AwsShapes {

    private AwsShapes() {
    }

    /** A timestamp as the JSON 1.1 protocol sends it: epoch seconds, a JSON number with millis. */
    static BigDecimal time(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** AttributeListType: {@code [{"Name","Value"}]}, by name, only the names the filter lets through. */
    static ArrayNode attributes(ObjectNode parent, String member, Map<String, String> values,
            Predicate<String> readable) {
        ArrayNode list = parent.putArray(member);
        new TreeMap<>(values).forEach((name, value) -> {
            if (readable.test(name)) {
                list.addObject().put("Name", name).put("Value", value);
            }
        });
        return list;
    }

    /** AdminGetUserResponse: the user with all attributes. */
    static void adminUser(ObjectNode out, PoolUser user) {
        out.put("Username", user.username());
        attributes(out, "UserAttributes", user.attributes(), name -> true);
        dates(out, user);
    }

    /** UserType, as AdminCreateUser answers it (attributes in {@code Attributes}). */
    static void userType(ObjectNode out, PoolUser user) {
        userType(out, user, name -> true);
    }

    /** UserType with only the attributes the filter lets through (ListUsers' AttributesToGet). */
    static void userType(ObjectNode out, PoolUser user, Predicate<String> attribute) {
        out.put("Username", user.username());
        attributes(out, "Attributes", user.attributes(), attribute);
        dates(out, user);
    }

    /** GetUserResponse: only what the token's client may read. */
    static void selfUser(ObjectNode out, PoolUser user, ClientPermissions client) {
        out.put("Username", user.username());
        attributes(out, "UserAttributes", user.attributes(), client.readAttributes()::contains);
    }

    private static void dates(ObjectNode out, PoolUser user) {
        out.put("UserCreateDate", time(user.createdAt()));
        out.put("UserLastModifiedDate", time(user.lastModifiedAt()));
        out.put("Enabled", user.enabled());
        out.put("UserStatus", user.status().name());
    }

    /** UserPoolType, the members Userpools has. */
    static void pool(ObjectNode out, Pool pool, String region) {
        out.put("Id", pool.id());
        out.put("Name", pool.name());
        out.put("Arn", "arn:aws:cognito-idp:" + region + ":000000000000:userpool/" + pool.id());
        out.put("CreationDate", time(pool.createdAt()));
        out.put("LastModifiedDate", time(pool.lastModifiedAt()));
        var settings = pool.settings();
        strings(out, "UsernameAttributes", settings.usernameAttributes());
        strings(out, "AliasAttributes", settings.aliasAttributes());
        strings(out, "AutoVerifiedAttributes", settings.autoVerifiedAttributes());
        out.putObject("UsernameConfiguration").put("CaseSensitive", settings.usernameCaseSensitive());
    }

    /**
     * UserPoolClientType, every member of Cognito's model: the secret only when given (on
     * creation); validities in their units; the Cognito-only settings at the values Userpools
     * behaves as ({@link io.userpools.client.CognitoOnlySettings}); the OAuth members left out.
     */
    static void client(ObjectNode out, Client client, String secret) {
        clientDescription(out, client);
        if (secret != null) {
            out.put("ClientSecret", secret);
        }
        out.put("LastModifiedDate", time(client.lastModifiedAt()));
        out.put("CreationDate", time(client.createdAt()));
        var s = client.settings();
        var units = s.tokenValidityUnits();
        out.put("RefreshTokenValidity", ClientPolicy.inUnit(s.refreshTokenSeconds(), units.refreshToken()));
        out.put("AccessTokenValidity", ClientPolicy.inUnit(s.accessTokenSeconds(), units.accessToken()));
        out.put("IdTokenValidity", ClientPolicy.inUnit(s.idTokenSeconds(), units.idToken()));
        out.putObject("TokenValidityUnits").put("AccessToken", units.accessToken()).put("IdToken", units.idToken())
                .put("RefreshToken", units.refreshToken());
        strings(out, "ReadAttributes", s.readAttributes());
        strings(out, "WriteAttributes", s.writeAttributes());
        strings(out, "ExplicitAuthFlows", s.explicitAuthFlows());
        strings(out, "SupportedIdentityProviders", s.identityProviders());
        out.put("AllowedOAuthFlowsUserPoolClient", false);
        if (s.preventUserExistenceErrors() != null) {
            out.put("PreventUserExistenceErrors", s.preventUserExistenceErrors());
        }
        out.put("EnableTokenRevocation", true);
        out.put("EnablePropagateAdditionalUserContextData", false);
        out.put("AuthSessionValidity", ClientPolicy.AUTH_SESSION_MINUTES);
    }

    /** UserPoolClientDescription, as ListUserPoolClients answers each client. */
    static void clientDescription(ObjectNode out, Client client) {
        out.put("UserPoolId", client.poolId());
        out.put("ClientName", client.name());
        out.put("ClientId", client.clientId());
    }

    /** CodeDeliveryDetailsListType, left out when no code was sent. */
    static void deliveries(ObjectNode out, List<CodeDeliveryDetails> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        ArrayNode list = out.putArray("CodeDeliveryDetailsList");
        for (CodeDeliveryDetails d : deliveries) {
            delivery(list.addObject(), d);
        }
    }

    /** CodeDeliveryDetailsType: where one code went, its destination masked. */
    static void delivery(ObjectNode out, CodeDeliveryDetails d) {
        out.put("Destination", d.destination()).put("DeliveryMedium", d.deliveryMedium().name())
                .put("AttributeName", d.attributeName());
    }

    private static void strings(ObjectNode out, String member, List<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode list = out.putArray(member);
            values.forEach(list::add);
        }
    }
}
