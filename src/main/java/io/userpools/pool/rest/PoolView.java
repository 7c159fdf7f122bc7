package io.userpools.pool.rest;

import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolSettings;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A pool as callers see it: settings and the full schema. The trigger secret is never shown. */
@Schema(requiredProperties = {"id", "name", "createdAt", "lastModifiedAt", "usernameCaseSensitive", "schema"})
public record PoolView(
        String id,
        String name,
        Instant createdAt,
        Instant lastModifiedAt,
        List<String> usernameAttributes,
        List<String> aliasAttributes,
        List<String> autoVerifiedAttributes,
        List<String> attributesRequireVerificationBeforeUpdate,
        boolean usernameCaseSensitive,
        List<AttributeDefinition> schema,
        TriggersView triggers,
        PoolSettings.Messaging messaging,
        PoolSettings.PasswordPolicy passwordPolicy,
        PoolSettings.TokenValidity tokenValidity,
        PoolSettings.AdminCreateUserConfig adminCreateUserConfig,
        @Schema(description = "Not in Cognito: the change history's settings; absent when every value is kept")
        PoolSettings.History history,
        PoolSettings.AccountRecovery accountRecoverySetting) {

    /** The custom message webhook without its secret. */
    public record TriggersView(CustomMessageView customMessage) {
    }

    public record CustomMessageView(String url, Integer timeoutMillis) {
    }

    public static PoolView of(Pool pool) {
        PoolSettings s = pool.settings();
        TriggersView triggers = s.triggers() == null || s.triggers().customMessage() == null ? null
                : new TriggersView(new CustomMessageView(s.triggers().customMessage().url(),
                        s.triggers().customMessage().timeoutMillis()));
        return new PoolView(pool.id(), pool.name(), pool.createdAt(), pool.lastModifiedAt(), s.usernameAttributes(),
                s.aliasAttributes(), s.autoVerifiedAttributes(), s.attributesRequireVerificationBeforeUpdate(),
                s.usernameCaseSensitive(), pool.schema(), triggers, s.messaging(), s.passwordPolicy(), s.tokenValidity(),
                s.invitations(), s.history(), s.accountRecovery());
    }
}
