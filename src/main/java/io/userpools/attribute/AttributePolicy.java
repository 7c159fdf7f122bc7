package io.userpools.attribute;

import static io.userpools.attribute.PipelineSteps.cannotBeUpdated;
import static io.userpools.attribute.PipelineSteps.checkFlagsHaveValues;
import static io.userpools.attribute.PipelineSteps.checkMutability;
import static io.userpools.attribute.PipelineSteps.checkNameShape;
import static io.userpools.attribute.PipelineSteps.checkNameShapes;
import static io.userpools.attribute.PipelineSteps.checkRequired;
import static io.userpools.attribute.PipelineSteps.checkSchema;
import static io.userpools.attribute.PipelineSteps.checkSignUpRequired;
import static io.userpools.attribute.PipelineSteps.checkSignUpSchema;
import static io.userpools.attribute.PipelineSteps.checkSignUpValues;
import static io.userpools.attribute.PipelineSteps.checkValues;
import static io.userpools.attribute.PipelineSteps.checkWritePermission;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import io.userpools.user.UserChange;
import io.userpools.user.UserStatus;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The pure rules of attribute writes (behaviour spec 2.1 pipeline, 2.2-2.4, 2.8 and 3). Every
 * check runs before a plan is returned; each step collects all its violations and throws them as
 * one exception, so a request is all-or-nothing. Inputs are never modified.
 *
 * <p>Design decisions marked [D] are this project's, not confirmed against AWS:
 * <ul>
 * <li>[D] Blank flag ({@code email_verified=""}) removes the flag; rule 7 applies only to a
 * non-blank flag.</li>
 * <li>[D] Deleting (or blanking) an immutable attribute is "Attribute cannot be updated.", in
 * updates and deletes alike.</li>
 * <li>[D] AdminCreateUser with {@code sub} gives {@code user.sub: Attribute cannot be updated.}</li>
 * <li>[D] AdminCreateUser: any non-blank {@code *_verified} (true or false) needs the attribute,
 * with the rule 7 texts.</li>
 * </ul>
 * This class says which checks run, in which order, for each operation, and what plan results;
 * each step's rule is in {@link PipelineSteps}, value formats in {@link AttributeValues}, and the
 * verification and alias decisions are listed on {@link PlanBuilder}.
 */
public final class AttributePolicy {

    public static final int MAX_NAME_LENGTH = 32;
    public static final String EMAIL_REQUIRED = "Email is required to verify/un-verify an email";
    public static final String PHONE_REQUIRED = "Phone Number is required to verify/un-verify a phone number";
    /** Our wording [D]: AWS's text for a name given twice in one request is not documented. */
    public static final String DUPLICATE_NAMES = "Member must not contain duplicate attribute names";

    private AttributePolicy() {
    }

    /**
     * Plans an AdminUpdateUserAttributes (ADMIN) or UpdateUserAttributes (SELF) request.
     *
     * @param client    the token's app client for SELF; ignored (may be null) for ADMIN
     * @param current   the user's active attributes, including {@code sub} and the flags
     * @param pending   values held for verification (spec 3.2)
     * @param requested name -> value in request order; a null or blank value deletes
     * @throws InvalidParameterException on a shape, schema, mutability, value, required or flag error
     * @throws NotAuthorizedException    (403) when a SELF client writes an attribute it may not
     */
    public static UpdatePlan planUpdate(Pool pool, UpdateContext context, ClientPermissions client,
            Map<String, String> current, Map<String, String> pending, Map<String, String> requested) {
        Objects.requireNonNull(requested, "requested");
        Map<String, String> request = new LinkedHashMap<>(requested);
        checkNameShapes(request.keySet());
        return plan(pool, context, client, current, pending, request);
    }

    /**
     * Plans an AdminDeleteUserAttributes (ADMIN) or DeleteUserAttributes (SELF) request: the same
     * pipeline as an update where every name has a blank value. A name in the schema without a
     * value, and an empty list, are no-ops ({@code changed == false}).
     *
     * @throws InvalidParameterException on duplicate or malformed names, unknown names, {@code sub},
     *                                   immutable or required attributes
     * @throws NotAuthorizedException    (403) when a SELF client deletes an attribute it may not write
     */
    public static UpdatePlan planDelete(Pool pool, UpdateContext context, ClientPermissions client,
            Map<String, String> current, Map<String, String> pending, List<String> names) {
        Objects.requireNonNull(names, "names");
        Violations shape = new Violations();
        Set<String> seen = new HashSet<>();
        Map<String, String> request = new LinkedHashMap<>();
        int index = 1;
        for (String name : names) {
            checkNameShape(shape, name, "userAttributeNames." + index++ + ".member");
            if (name != null && !seen.add(name)) {
                shape.add(name, InvalidParameterException.part(name, "userAttributeNames", DUPLICATE_NAMES));
            }
            request.put(name, "");
        }
        shape.throwShapeErrorsIfAny();
        return plan(pool, context, client, current, pending, request);
    }

    /**
     * AdminCreateUser's attribute checks: names exist in the schema, values pass their type and
     * format rules, {@code sub} is not given, and a {@code *_verified} flag comes with its attribute.
     * Immutable and developer-only attributes may be set here; required ones may be omitted; blank
     * values are ignored.
     *
     * @throws InvalidParameterException listing every violation of the first failing step
     */
    public static void checkCreate(Pool pool, Map<String, String> attributes) {
        Map<String, String> request = new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes"));
        checkNameShapes(request.keySet());
        checkSchema(pool, request.keySet());
        Violations sub = new Violations();
        if (request.containsKey(StandardAttributes.SUB)) {
            sub.add(StandardAttributes.SUB, cannotBeUpdated(StandardAttributes.SUB));
        }
        sub.throwIfAny();
        checkValues(pool, request);
        checkFlagsHaveValues(request, request);
    }

    /** SignUp's prefix for schema, value and required-attribute errors (lifecycle 3.1 step 5). */
    public static final String SIGN_UP_SCHEMA = "Attributes did not conform to the schema: ";

    /**
     * SignUp's attribute checks (lifecycle 3.1 step 5): the [B 2.1] pipeline with the client's
     * write list (so a {@code *_verified} flag or a developer-only attribute is refused), with
     * immutable attributes allowed and SignUp's own texts; then every required attribute of the
     * schema must have a value in {@code stored} (the attributes the user will have, the username
     * attribute included). In an alias pool {@code preferred_username} waits for confirmation.
     *
     * @param requested the request's attributes, as sent
     * @param stored    the attributes to store (non-blank values, username attribute included)
     * @throws InvalidParameterException on a shape, schema, value or required-attribute error
     * @throws NotAuthorizedException    (403) for an attribute the client may not write
     */
    public static void checkSignUp(Pool pool, ClientPermissions client, Map<String, String> requested,
            Map<String, String> stored) {
        Map<String, String> request = new LinkedHashMap<>(requested);
        checkNameShapes(request.keySet());
        if (client.explicitWriteList()) {
            checkWritePermission(pool, UpdateContext.SELF, client, request.keySet());
        }
        checkSignUpSchema(pool, request.keySet());
        if (!client.explicitWriteList()) {
            checkWritePermission(pool, UpdateContext.SELF, client, request.keySet());
        }
        if (pool.isAliasAttribute(StandardAttributes.PREFERRED_USERNAME)
                && !isBlank(request.get(StandardAttributes.PREFERRED_USERNAME))) {
            // Our wording [D]: the alias may be set only after confirmation [DG attributes].
            throw new InvalidParameterException("preferred_username can not be set before user is confirmed.");
        }
        checkSignUpValues(pool, request);
        checkSignUpRequired(pool, stored);
    }

    /** Attributes whose outcome depends on the user's current state (besides identifiers). */
    private static final Set<String> STATEFUL = Set.of(StandardAttributes.EMAIL, StandardAttributes.PHONE_NUMBER,
            StandardAttributes.EMAIL_VERIFIED, StandardAttributes.PHONE_NUMBER_VERIFIED,
            StandardAttributes.PREFERRED_USERNAME);

    /**
     * Plans an AdminUpdateUserAttributes request that may not depend on the user's current state:
     * validates it fully, then answers its merge, or null when its outcome depends on the user
     * (it names email, phone_number, their flags or a sign-in identifier, or nothing), so that it
     * must be planned against the locked user with {@link #planUpdate}.
     *
     * @throws InvalidParameterException on any rule the request breaks
     */
    static MergeWrite planMerge(Pool pool, Map<String, String> requested) {
        return planMerge(pool, UpdateContext.ADMIN, null, requested);
    }

    /**
     * The same for either context: a self-service request is held to the client's write list
     * ({@code client}) as {@link #planUpdate} holds it.
     *
     * @throws InvalidParameterException on any rule the request breaks
     * @throws io.userpools.common.error.NotAuthorizedException for an attribute the client may not write
     */
    static MergeWrite planMerge(Pool pool, UpdateContext context, ClientPermissions client,
            Map<String, String> requested) {
        planUpdate(pool, context, client, Map.of(), Map.of(), requested);
        if (requested.isEmpty()) {
            return null;
        }
        for (String name : requested.keySet()) {
            if (name == null || STATEFUL.contains(name) || pool.isUsernameAttribute(name) || pool.isAliasAttribute(name)) {
                return null;
            }
        }
        return MergeWrite.of(requested);
    }

    /**
     * The change that creates a user with these (already checked, stored) attributes: its status
     * and every identifier they give; with {@code forceAliasCreation} a verified alias is taken
     * from its holder (AdminCreateUser [2.8], SignUp).
     */
    public static UserChange planCreate(Pool pool, UserStatus status, Map<String, String> attributes,
            boolean forceAliasCreation) {
        PlanBuilder.Aliases aliases = PlanBuilder.aliases(pool, Map.of(), attributes, forceAliasCreation);
        return new UserChange(status, attributes, Map.of(), aliases.add(), aliases.remove(), aliases.move());
    }

    /**
     * VerifyUserAttribute with a right code ([2.6]): the value becomes active and verified (a
     * pending one is promoted), and its alias is added (a clash is AliasExistsException).
     */
    public static UpdatePlan planVerified(Pool pool, Map<String, String> current, Map<String, String> pending,
            String attribute, String value, boolean promote) {
        Map<String, String> after = new LinkedHashMap<>(current);
        after.put(attribute, value);
        after.put(StandardAttributes.verifiedFlagOf(attribute), "true");
        Map<String, String> pendingAfter = new LinkedHashMap<>(pending);
        if (promote) {
            pendingAfter.remove(attribute);
        }
        return withAliases(pool, current, after, pendingAfter, false);
    }

    /** An expired code for a pending value: the pending value is dropped, nothing else changes. */
    public static UpdatePlan planDropPending(Map<String, String> current, Map<String, String> pending,
            String attribute) {
        Map<String, String> pendingAfter = new LinkedHashMap<>(pending);
        pendingAfter.remove(attribute);
        return new UpdatePlan(current, pendingAfter, Map.of(), Map.of(), Set.of(), Map.of(),
                !pendingAfter.equals(pending));
    }

    /**
     * ConfirmSignUp with a right code (lifecycle 3.2): the attribute that received the code (null
     * for none) becomes verified and its alias is activated; with {@code forceAliasCreation} it is
     * taken from another holder, else a clash is AliasExistsException. The caller sets CONFIRMED.
     */
    public static UpdatePlan planConfirmSignUp(Pool pool, Map<String, String> current, Map<String, String> pending,
            String codeAttribute, boolean forceAliasCreation) {
        Map<String, String> after = new LinkedHashMap<>(current);
        if (codeAttribute != null && current.get(codeAttribute) != null) {
            after.put(StandardAttributes.verifiedFlagOf(codeAttribute), "true");
        }
        return withAliases(pool, current, after, pending, forceAliasCreation);
    }

    private static UpdatePlan withAliases(Pool pool, Map<String, String> current, Map<String, String> after,
            Map<String, String> pending, boolean moveVerified) {
        PlanBuilder.Aliases aliases = PlanBuilder.aliases(pool, current, after, moveVerified);
        return new UpdatePlan(Map.copyOf(after), Map.copyOf(pending), Map.of(), aliases.add(), aliases.remove(),
                aliases.move(), true);
    }

    private static UpdatePlan plan(Pool pool, UpdateContext context, ClientPermissions client,
            Map<String, String> current, Map<String, String> pending, Map<String, String> request) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(pending, "pending");
        boolean permissionsApply = context.clientPermissionsApply();
        if (permissionsApply) {
            Objects.requireNonNull(client, "client permissions are required for " + context);
        }
        // Spec 2.1 step 2: an explicit write list speaks before the schema, default lists after it.
        if (permissionsApply && client.explicitWriteList()) {
            checkWritePermission(pool, context, client, request.keySet());
        }
        checkSchema(pool, request.keySet());
        if (permissionsApply && !client.explicitWriteList()) {
            checkWritePermission(pool, context, client, request.keySet());
        }
        checkMutability(pool, request.keySet());
        checkValues(pool, request);
        checkRequired(pool, request);
        UpdatePlan plan = PlanBuilder.build(pool, context, current, pending, request);
        checkFlagsHaveValues(request, plan.attributes());
        return plan;
    }

    static boolean isVerifiedFlag(String name) {
        return StandardAttributes.EMAIL_VERIFIED.equals(name) || StandardAttributes.PHONE_NUMBER_VERIFIED.equals(name);
    }

    static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
