package io.userpools.attribute;

import static io.userpools.attribute.AttributePolicy.isBlank;
import static io.userpools.attribute.AttributePolicy.isVerifiedFlag;

import io.userpools.pool.Pool;
import io.userpools.pool.StandardAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an already validated request into an {@link UpdatePlan}: the verification rules of spec
 * 3.1/3.2 and the alias bookkeeping of 3.3. Decisions:
 * <ul>
 * <li>[D] A change of X (email, phone_number) is held as pending only when X requires
 * verification before update AND the user has a current, verified X; a first value or a change of
 * an unverified value applies at once, as in 3.1.</li>
 * <li>[D] While a change is held as pending, a {@code X_verified=false} in the same admin request
 * is ignored: the active value and its flag stay as they are.</li>
 * <li>[D] Setting X to its current active value drops any pending value of X and sends no code;
 * the flag changes only when the request also carries it.</li>
 * <li>[D] Alias maps hold raw values; the service applies {@link Pool#key(String)} (case folding)
 * when it stores or compares them. The service applies removals first, then adds and moves.</li>
 * <li>An alias removal is listed only when the user held that alias before the write.</li>
 * </ul>
 */
final class PlanBuilder {

    private static final List<String> VERIFIABLE = List.of(StandardAttributes.EMAIL, StandardAttributes.PHONE_NUMBER);

    private final Pool pool;
    private final UpdateContext context;
    private final Map<String, String> current;
    private final Map<String, String> request;
    private final Map<String, String> attributes;
    private final Map<String, String> pending;
    private final Map<String, String> codeTargets = new LinkedHashMap<>();

    private PlanBuilder(Pool pool, UpdateContext context, Map<String, String> current, Map<String, String> pending,
            Map<String, String> request) {
        this.pool = pool;
        this.context = context;
        this.current = current;
        this.request = request;
        this.attributes = new LinkedHashMap<>(current);
        this.pending = new LinkedHashMap<>(pending);
    }

    static UpdatePlan build(Pool pool, UpdateContext context, Map<String, String> current,
            Map<String, String> pending, Map<String, String> request) {
        PlanBuilder builder = new PlanBuilder(pool, context, current, pending, request);
        builder.applyPlainAttributes();
        VERIFIABLE.forEach(builder::applyVerifiable);
        return builder.toPlan(pending);
    }

    /** Every attribute other than email, phone_number and their flags: set or delete as asked. */
    private void applyPlainAttributes() {
        request.forEach((name, value) -> {
            if (VERIFIABLE.contains(name) || isVerifiedFlag(name)) {
                return;
            }
            if (isBlank(value)) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        });
    }

    private void applyVerifiable(String name) {
        String flag = StandardAttributes.verifiedFlagOf(name);
        boolean hasValue = request.containsKey(name);
        boolean hasFlag = request.containsKey(flag);
        if (!hasValue && !hasFlag) {
            return;
        }
        String value = request.get(name);
        String requestedFlag = request.get(flag);
        boolean verifiedByAdmin = context.mayWriteVerifiedFlags() && "true".equals(requestedFlag);
        if (hasValue && isBlank(value)) {
            attributes.remove(name);
            attributes.remove(flag);
            pending.remove(name);
            return;
        }
        String active = current.get(name);
        if (hasValue && !value.equals(active)) {
            boolean holdBack = pool.requiresVerificationBeforeUpdate(name) && !isBlank(active)
                    && "true".equals(current.get(flag));
            if (holdBack && !verifiedByAdmin) {
                pending.put(name, value);
                codeTargets.put(name, value);
                return;
            }
            attributes.put(name, value);
            attributes.put(flag, verifiedByAdmin ? "true" : "false");
            pending.remove(name);
            if (!verifiedByAdmin && pool.isAutoVerified(name)) {
                codeTargets.put(name, value);
            }
            return;
        }
        if (hasValue) {
            pending.remove(name);
        }
        if (hasFlag) {
            if (isBlank(requestedFlag)) {
                attributes.remove(flag);
            } else {
                attributes.put(flag, requestedFlag);
            }
        }
    }

    private UpdatePlan toPlan(Map<String, String> pendingBefore) {
        Aliases aliases = aliases(pool, current, attributes, true);
        boolean changed = !attributes.equals(current) || !pending.equals(pendingBefore);
        return new UpdatePlan(frozen(attributes), frozen(pending), frozen(codeTargets), aliases.add(),
                aliases.remove(), aliases.move(), changed);
    }

    /** The identifiers a change of attributes adds, releases and takes from another holder. */
    record Aliases(Map<String, String> add, Set<String> remove, Map<String, String> move) {
    }

    /**
     * The identifier bookkeeping of spec 3.3 between two states of a user's attributes: username
     * attributes sign in whatever their verification; alias attributes email/phone only while
     * verified, preferred_username while present. A verifiable alias that appears is moved from any
     * other holder when {@code moveVerified} (an admin's X_verified=true, ForceAliasCreation), else
     * added (a clash is AliasExistsException).
     */
    static Aliases aliases(Pool pool, Map<String, String> current, Map<String, String> attributes,
            boolean moveVerified) {
        Map<String, String> aliasesToAdd = new LinkedHashMap<>();
        Set<String> aliasesToRemove = new LinkedHashSet<>();
        Map<String, String> aliasesToMove = new LinkedHashMap<>();
        for (String name : pool.settings().usernameAttributes()) {
            String before = valueOf(current, name);
            String after = valueOf(attributes, name);
            if (!Objects.equals(before, after)) {
                if (before != null) {
                    aliasesToRemove.add(name);
                }
                if (after != null) {
                    aliasesToAdd.put(name, after);
                }
            }
        }
        for (String name : pool.settings().aliasAttributes()) {
            String before = aliasOf(current, name);
            String after = aliasOf(attributes, name);
            if (Objects.equals(before, after)) {
                continue;
            }
            if (before != null) {
                aliasesToRemove.add(name);
            }
            if (after != null) {
                if (moveVerified && VERIFIABLE.contains(name)) {
                    aliasesToMove.put(name, after);
                } else {
                    aliasesToAdd.put(name, after);
                }
            }
        }
        return new Aliases(frozen(aliasesToAdd), Collections.unmodifiableSet(aliasesToRemove), frozen(aliasesToMove));
    }

    private static String aliasOf(Map<String, String> state, String name) {
        String value = valueOf(state, name);
        if (value == null || !VERIFIABLE.contains(name)) {
            return value;
        }
        return "true".equals(state.get(StandardAttributes.verifiedFlagOf(name))) ? value : null;
    }

    private static String valueOf(Map<String, String> state, String name) {
        String value = state.get(name);
        return isBlank(value) ? null : value;
    }

    private static Map<String, String> frozen(Map<String, String> map) {
        return Collections.unmodifiableMap(map);
    }
}
