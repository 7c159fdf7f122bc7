package io.userpools.ratelimit;

/**
 * Cognito's request-rate quota categories (behaviour spec section 5), with the default rate that
 * Cognito grants per account and region, in requests per second. Userpools' own defaults are far
 * higher (see {@link RateLimitConfig}); these figures are for operators who want Cognito's.
 */
public enum QuotaCategory {
    UserAuthentication(120),
    UserCreation(50),
    UserFederation(25),
    UserAccountRecovery(30),
    UserRead(120),
    UserUpdate(25),
    UserToken(120),
    UserResourceRead(50),
    UserResourceUpdate(25),
    UserList(30),
    UserPoolRead(15),
    UserPoolUpdate(15),
    UserPoolResourceRead(20),
    UserPoolResourceUpdate(15),
    UserPoolClientRead(15),
    UserPoolClientUpdate(15),
    ClientAuthentication(150);

    private final int cognitoDefault;

    QuotaCategory(int cognitoDefault) {
        this.cognitoDefault = cognitoDefault;
    }

    /** Cognito's default for this category, requests per second. */
    public int cognitoDefault() {
        return cognitoDefault;
    }
}
