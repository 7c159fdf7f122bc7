package io.userpools.auth;

import io.userpools.pool.PoolService;

/** A pool's token issuer, {@code <base>/pools/<poolId>}, and the pool id read back from one. */
public final class Issuers {

    private Issuers() {
    }

    public static String of(String base, String poolId) {
        return stripSlash(base) + "/pools/" + poolId;
    }

    /** The pool id of an issuer under this base, or null when the issuer is not one of ours. */
    public static String poolIdOf(String base, String issuer) {
        String prefix = stripSlash(base) + "/pools/";
        if (issuer == null || !issuer.startsWith(prefix)) {
            return null;
        }
        String poolId = issuer.substring(prefix.length());
        return PoolService.isPoolId(poolId) ? poolId : null;
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
