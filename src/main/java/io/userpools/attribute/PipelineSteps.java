package io.userpools.attribute;

import static io.userpools.attribute.AttributePolicy.EMAIL_REQUIRED;
import static io.userpools.attribute.AttributePolicy.MAX_NAME_LENGTH;
import static io.userpools.attribute.AttributePolicy.PHONE_REQUIRED;
import static io.userpools.attribute.AttributePolicy.SIGN_UP_SCHEMA;
import static io.userpools.attribute.AttributePolicy.isBlank;
import static io.userpools.attribute.AttributePolicy.isVerifiedFlag;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.pool.AttributeDefinition;
import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The steps of the attribute pipeline (behaviour spec 2.1, numbered as there), and SignUp's
 * variants with its own texts (lifecycle 3.1 step 5): each checks one rule over the whole request
 * and throws every violation it finds as one exception. Which steps run, in which order, for
 * which operation is {@link AttributePolicy}'s; only it calls these.
 */
final class PipelineSteps {

    private PipelineSteps() {
    }

    /** Step 1 for a list of attributes: every name's shape, as {@code userAttributes.N.member.name}. */
    static void checkNameShapes(Set<String> names) {
        Violations shape = new Violations();
        int index = 1;
        for (String name : names) {
            checkNameShape(shape, name, "userAttributes." + index++ + ".member.name");
        }
        shape.throwShapeErrorsIfAny();
    }

    static void checkNameShape(Violations shape, String name, String path) {
        if (name == null || name.isEmpty()) {
            shape.add(path, InvalidParameterException.part(name == null ? "" : name, path,
                    RequestConstraints.minLength(1)));
        } else if (name.length() > MAX_NAME_LENGTH) {
            shape.add(path, InvalidParameterException.part(name, path, RequestConstraints.maxLength(MAX_NAME_LENGTH)));
        }
    }

    /** Step 2 (SELF only): one 403 for any attribute outside the client's effective write list. */
    static void checkWritePermission(Pool pool, UpdateContext context, ClientPermissions client,
            Set<String> names) {
        for (String name : names) {
            if (!isWritable(pool, context, client, name)) {
                throw NotAuthorizedException.forbidden(NotAuthorizedException.UNAUTHORIZED_ATTRIBUTE);
            }
        }
    }

    private static boolean isWritable(Pool pool, UpdateContext context, ClientPermissions client, String name) {
        if (StandardAttributes.SUB.equals(name)) {
            return false;
        }
        if (isVerifiedFlag(name) && !context.mayWriteVerifiedFlags()) {
            return false;
        }
        boolean developerOnly = name.startsWith(AttributeDefinition.DEV_PREFIX)
                || pool.attribute(name).map(AttributeDefinition::developerOnly).orElse(false);
        if (developerOnly && !context.mayWriteDeveloperOnly()) {
            return false;
        }
        return client.writeAttributes().contains(name);
    }

    /** Step 3: every name must be in the schema under its full name (custom: prefix included). */
    static void checkSchema(Pool pool, Set<String> names) {
        Map<String, AttributeDefinition> schema = pool.attributes();
        Violations violations = new Violations();
        for (String name : names) {
            if (!schema.containsKey(name)) {
                violations.add(name, "user." + name + ": Attribute does not exist in the schema.");
            }
        }
        violations.throwIfAny();
    }

    /** Step 4: {@code sub} and immutable attributes can't be written, even when still unset. */
    static void checkMutability(Pool pool, Set<String> names) {
        Map<String, AttributeDefinition> schema = pool.attributes();
        Violations violations = new Violations();
        for (String name : names) {
            if (StandardAttributes.SUB.equals(name) || !schema.get(name).mutable()) {
                violations.add(name, cannotBeUpdated(name));
            }
        }
        violations.throwIfAny();
    }

    /** Step 5: type, length and format of every non-blank value. */
    static void checkValues(Pool pool, Map<String, String> request) {
        checkValues(pool, request, UnaryOperator.identity());
    }

    private static void checkValues(Pool pool, Map<String, String> request, UnaryOperator<String> wording) {
        Map<String, AttributeDefinition> schema = pool.attributes();
        Violations violations = new Violations();
        request.forEach((name, value) -> {
            if (!isBlank(value)) {
                AttributeValues.check(schema.get(name), value)
                        .ifPresent(message -> violations.add(name, wording.apply(message)));
            }
        });
        violations.throwIfAny();
    }

    /** Step 6: a blank value deletes, which a required attribute refuses. */
    static void checkRequired(Pool pool, Map<String, String> request) {
        Map<String, AttributeDefinition> schema = pool.attributes();
        Violations violations = new Violations();
        request.forEach((name, value) -> {
            if (isBlank(value) && schema.get(name).required()) {
                violations.add(name, "user." + name + ": Required attribute cannot be deleted.");
            }
        });
        violations.throwIfAny();
    }

    /** Step 7: a non-blank {@code *_verified} in the request needs its attribute in {@code after}. */
    static void checkFlagsHaveValues(Map<String, String> request, Map<String, String> after) {
        Violations violations = new Violations();
        requireValueForFlag(violations, request, after, StandardAttributes.EMAIL, EMAIL_REQUIRED);
        requireValueForFlag(violations, request, after, StandardAttributes.PHONE_NUMBER, PHONE_REQUIRED);
        violations.throwIfAny();
    }

    private static void requireValueForFlag(Violations violations, Map<String, String> request,
            Map<String, String> after, String attribute, String message) {
        String flag = StandardAttributes.verifiedFlagOf(attribute);
        if (!isBlank(request.get(flag)) && isBlank(after.get(attribute))) {
            violations.add(flag, message);
        }
    }

    /** SignUp's step 3 (lifecycle 3.1 step 5): every name in the schema, with SignUp's text. */
    static void checkSignUpSchema(Pool pool, Set<String> names) {
        Map<String, AttributeDefinition> schema = pool.attributes();
        Violations unknown = new Violations();
        for (String name : names) {
            if (!schema.containsKey(name)) {
                unknown.add(name, SIGN_UP_SCHEMA + "Type for attribute {" + name + "} could not be determined");
            }
        }
        unknown.throwIfAny();
    }

    /** SignUp's step 5: type, length and format of every non-blank value, with SignUp's prefix. */
    static void checkSignUpValues(Pool pool, Map<String, String> request) {
        // "user.x: ..." becomes "Attributes did not conform to the schema: x: ..."; the email and
        // phone format texts stay as the update answers them
        checkValues(pool, request,
                message -> message.startsWith("user.") ? SIGN_UP_SCHEMA + message.substring(5) : message);
    }

    /** SignUp: every required attribute of the schema but {@code sub} has a value in {@code stored}. */
    static void checkSignUpRequired(Pool pool, Map<String, String> stored) {
        Violations required = new Violations();
        pool.attributes().values().forEach(definition -> {
            if (definition.required() && !StandardAttributes.SUB.equals(definition.name())
                    && isBlank(stored.get(definition.name()))) {
                required.add(definition.name(), SIGN_UP_SCHEMA + definition.name() + ": The attribute is required");
            }
        });
        required.throwIfAny();
    }

    static String cannotBeUpdated(String name) {
        return "user." + name + ": Attribute cannot be updated.";
    }
}
