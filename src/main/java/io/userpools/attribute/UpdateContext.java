package io.userpools.attribute;

/**
 * Who is writing: an administrator with developer credentials, or the user with an access token
 * (bound by the app client's write list). The policy flags hang off the context.
 */
public enum UpdateContext {
    ADMIN(false, true, true),
    SELF(true, false, false);

    private final boolean clientPermissionsApply;
    private final boolean mayWriteVerifiedFlags;
    private final boolean mayWriteDeveloperOnly;

    UpdateContext(boolean clientPermissionsApply, boolean mayWriteVerifiedFlags, boolean mayWriteDeveloperOnly) {
        this.clientPermissionsApply = clientPermissionsApply;
        this.mayWriteVerifiedFlags = mayWriteVerifiedFlags;
        this.mayWriteDeveloperOnly = mayWriteDeveloperOnly;
    }

    public boolean clientPermissionsApply() {
        return clientPermissionsApply;
    }

    public boolean mayWriteVerifiedFlags() {
        return mayWriteVerifiedFlags;
    }

    public boolean mayWriteDeveloperOnly() {
        return mayWriteDeveloperOnly;
    }
}
