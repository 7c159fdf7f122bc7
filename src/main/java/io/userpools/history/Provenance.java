package io.userpools.history;

/**
 * Where a change comes from, as every history entry records it: the Cognito operation
 * ({@code AdminUpdateUserAttributes}), the request id that the access log prints (null outside a
 * request) and the {@link Actor}. Services take it on the request's thread ({@link Provenances})
 * and hand it to {@link io.userpools.user.UserWriter} with the change.
 */
public record Provenance(String operation, String requestId, Actor actor) {

    /** The same request and actor under another operation name. */
    public Provenance as(String otherOperation) {
        return new Provenance(otherOperation, requestId, actor);
    }

    /** The same operation and request with the service as the actor (e.g. a code verification). */
    public Provenance byService(String reason) {
        return new Provenance(operation, requestId, Actor.service(reason));
    }
}
