package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userpools.attribute.ClientPermissions;
import io.userpools.client.Client;
import io.userpools.client.ClientPolicy;
import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.AttributeType;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import io.userpools.pool.PoolSettings.AdminCreateUserConfig;
import io.userpools.pool.PoolSettings.InviteMessageTemplate;
import io.userpools.pool.PoolSettings.Messaging;
import io.userpools.pool.PoolSettings.PasswordPolicy;
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

    /**
     * The account id of every ARN this endpoint writes: twelve zeros, as no AWS account stands
     * behind a pool here (the ARN's pattern wants digits).
     */
    static final String ACCOUNT = "000000000000";

    /**
     * UserPoolType, the members Userpools has: the schema with its constraints, the policies,
     * attribute settings and verification messages (in the template and in the legacy members, as
     * Cognito answers both), {@code MfaConfiguration OFF} and {@code DeletionProtection INACTIVE},
     * the behaviour Userpools has. The trigger webhook and the clients' token validity defaults
     * have no member here (REST shows them).
     */
    static void pool(ObjectNode out, Pool pool, String region, Long estimatedUsers) {
        poolDescription(out, pool);
        out.put("Arn", "arn:aws:cognito-idp:" + region + ":" + ACCOUNT + ":userpool/" + pool.id());
        PoolSettings settings = pool.settings();
        PasswordPolicy p = settings.passwordPolicy() == null ? PasswordPolicy.DEFAULT : settings.passwordPolicy();
        ObjectNode policy = out.putObject("Policies").putObject("PasswordPolicy")
                .put("MinimumLength", p.minimumLength())
                .put("RequireUppercase", p.requireUppercase()).put("RequireLowercase", p.requireLowercase())
                .put("RequireNumbers", p.requireNumbers()).put("RequireSymbols", p.requireSymbols())
                .put("TemporaryPasswordValidityDays", p.temporaryPasswordValidityDays());
        if (p.passwordHistorySize() > 0) { // absent when off, as a pool created with only a name answers
            policy.put("PasswordHistorySize", p.passwordHistorySize());
        }
        out.put("DeletionProtection", "INACTIVE");
        ArrayNode schema = out.putArray("SchemaAttributes");
        pool.schema().forEach(a -> schemaAttribute(schema.addObject(), a));
        strings(out, "UsernameAttributes", settings.usernameAttributes());
        strings(out, "AliasAttributes", settings.aliasAttributes());
        strings(out, "AutoVerifiedAttributes", settings.autoVerifiedAttributes());
        out.putObject("UsernameConfiguration").put("CaseSensitive", settings.usernameCaseSensitive());
        ArrayNode requireVerification = out.putObject("UserAttributeUpdateSettings")
                .putArray("AttributesRequireVerificationBeforeUpdate");
        settings.attributesRequireVerificationBeforeUpdate().forEach(requireVerification::add);
        Messaging m = settings.messaging() == null ? Messaging.DEFAULT : settings.messaging();
        ObjectNode template = out.putObject("VerificationMessageTemplate");
        template.put("SmsMessage", m.sms().message()).put("EmailMessage", m.email().message())
                .put("EmailSubject", m.email().subject());
        putIfPresent(template, "EmailMessageByLink", m.email().messageByLink());
        putIfPresent(template, "EmailSubjectByLink", m.email().subjectByLink());
        template.put("DefaultEmailOption", m.confirmsWithLink() ? PoolSettings.Messaging.CONFIRM_WITH_LINK
                : PoolSettings.Messaging.CONFIRM_WITH_CODE);
        out.put("SmsVerificationMessage", m.sms().message());
        out.put("EmailVerificationMessage", m.email().message());
        out.put("EmailVerificationSubject", m.email().subject());
        ObjectNode email = out.putObject("EmailConfiguration").put("EmailSendingAccount", "COGNITO_DEFAULT");
        if (m.email().from() != null) {
            email.put("From", m.email().from());
        }
        out.put("MfaConfiguration", "OFF");
        AdminCreateUserConfig invitations = settings.invitations();
        ObjectNode admin = out.putObject("AdminCreateUserConfig")
                .put("AllowAdminCreateUserOnly", invitations.allowAdminCreateUserOnly())
                // the legacy member and the policy's validity are one setting in Userpools
                .put("UnusedAccountValidityDays", p.temporaryPasswordValidityDays());
        InviteMessageTemplate invite = invitations.inviteMessageTemplate();
        if (invite != null) {
            ObjectNode inviteOut = admin.putObject("InviteMessageTemplate");
            putIfPresent(inviteOut, "SMSMessage", invite.smsMessage());
            putIfPresent(inviteOut, "EmailMessage", invite.emailMessage());
            putIfPresent(inviteOut, "EmailSubject", invite.emailSubject());
        }
        if (settings.accountRecovery() != null) {
            ArrayNode mechanisms = out.putObject("AccountRecoverySetting").putArray("RecoveryMechanisms");
            settings.accountRecovery().recoveryMechanisms().forEach(option -> mechanisms.addObject()
                    .put("Priority", option.priority()).put("Name", option.name()));
        }
        if (estimatedUsers != null) {
            out.put("EstimatedNumberOfUsers", estimatedUsers);
        }
    }

    /** UserPoolDescriptionType, as ListUserPools answers each pool. */
    static void poolDescription(ObjectNode out, Pool pool) {
        out.put("Id", pool.id());
        out.put("Name", pool.name());
        out.put("LastModifiedDate", time(pool.lastModifiedAt()));
        out.put("CreationDate", time(pool.createdAt()));
    }

    /** SchemaAttributeType: constraints as strings, as the model types them. */
    private static void schemaAttribute(ObjectNode out, AttributeDefinition a) {
        out.put("Name", a.name()).put("AttributeDataType", a.type().name())
                .put("DeveloperOnlyAttribute", a.developerOnly()).put("Mutable", a.mutable())
                .put("Required", a.required());
        if (a.type() == AttributeType.String) {
            ObjectNode c = out.putObject("StringAttributeConstraints");
            c.put("MinLength", String.valueOf(a.minLength() == null ? 0 : a.minLength()));
            c.put("MaxLength", String.valueOf(a.maxLength() == null ? AttributeDefinition.MAX_VALUE_LENGTH
                    : a.maxLength()));
        } else if (a.type() == AttributeType.Number) {
            ObjectNode c = out.putObject("NumberAttributeConstraints");
            if (a.minValue() != null) {
                c.put("MinValue", String.valueOf(a.minValue()));
            }
            if (a.maxValue() != null) {
                c.put("MaxValue", String.valueOf(a.maxValue()));
            }
        }
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

    private static void putIfPresent(ObjectNode out, String member, String value) {
        if (value != null) {
            out.put(member, value);
        }
    }
}
