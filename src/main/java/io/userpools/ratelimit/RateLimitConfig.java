package io.userpools.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Deployment-wide request-rate limits per pool and quota category, in requests per second, under
 * {@code userpools.rate-limits.} (for example {@code userpools.rate-limits.user-update=25}, or
 * {@code USERPOOLS_RATE_LIMITS_USER_UPDATE=25} in the environment). A pool may override them
 * through {@code PUT /pools/{poolId}/rate-limits}. The defaults are generous (1,000,000/s) so that
 * nothing is throttled unless an operator asks for it; Cognito's own defaults are far lower (see
 * {@link QuotaCategory#cognitoDefault()}). The exception is UserAuthentication (sign-in, refresh,
 * challenges), which has Cognito's 120/s, so that password guessing across many users of a pool is
 * bounded too (the per-user lockout bounds it for one user). Limits are counted in memory by each
 * replica.
 */
@ConfigMapping(prefix = "userpools.rate-limits")
public interface RateLimitConfig {

    String DEFAULT = "1000000";

    /**
     * UserAuthentication: requests per second per pool (user-authentication), 120 as in Cognito: a
     * bound on password guessing, where the lockout counts per user. A password sign-in costs about
     * 0.16 s of CPU (bcrypt, see bench/README.md), so a replica of a few cores serves fewer than
     * this; token refreshes count here too.
     */
    @WithDefault("120")
    int userAuthentication();

    /** UserCreation: requests per second per pool (user-creation). */
    @WithDefault(DEFAULT)
    int userCreation();

    /** UserFederation: requests per second per pool (user-federation). */
    @WithDefault(DEFAULT)
    int userFederation();

    /** UserAccountRecovery: requests per second per pool (user-account-recovery). */
    @WithDefault(DEFAULT)
    int userAccountRecovery();

    /** UserRead: requests per second per pool (user-read). */
    @WithDefault(DEFAULT)
    int userRead();

    /** UserUpdate: requests per second per pool (user-update). */
    @WithDefault(DEFAULT)
    int userUpdate();

    /** UserToken: requests per second per pool (user-token). */
    @WithDefault(DEFAULT)
    int userToken();

    /** UserResourceRead: requests per second per pool (user-resource-read). */
    @WithDefault(DEFAULT)
    int userResourceRead();

    /** UserResourceUpdate: requests per second per pool (user-resource-update). */
    @WithDefault(DEFAULT)
    int userResourceUpdate();

    /** UserList: requests per second per pool (user-list). */
    @WithDefault(DEFAULT)
    int userList();

    /** UserPoolRead: requests per second per pool (user-pool-read). */
    @WithDefault(DEFAULT)
    int userPoolRead();

    /** UserPoolUpdate: requests per second per pool (user-pool-update). */
    @WithDefault(DEFAULT)
    int userPoolUpdate();

    /** UserPoolResourceRead: requests per second per pool (user-pool-resource-read). */
    @WithDefault(DEFAULT)
    int userPoolResourceRead();

    /** UserPoolResourceUpdate: requests per second per pool (user-pool-resource-update). */
    @WithDefault(DEFAULT)
    int userPoolResourceUpdate();

    /** UserPoolClientRead: requests per second per pool (user-pool-client-read). */
    @WithDefault(DEFAULT)
    int userPoolClientRead();

    /** UserPoolClientUpdate: requests per second per pool (user-pool-client-update). */
    @WithDefault(DEFAULT)
    int userPoolClientUpdate();

    /** ClientAuthentication: requests per second per pool (client-authentication). */
    @WithDefault(DEFAULT)
    int clientAuthentication();
}
