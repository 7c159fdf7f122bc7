package io.userpools.pool;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.CreatePoolCommand.AccountRecoveryInput;
import io.userpools.pool.CreatePoolCommand.RecoveryMechanismInput;
import io.userpools.pool.PoolSettings.AccountRecovery;
import io.userpools.pool.PoolSettings.RecoveryMechanism;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of AccountRecoverySetting (lifecycle spec 7.1, 2.3), for CreateUserPool and
 * UpdateUserPool on both facades: 1 or 2 mechanisms, names {@code verified_email},
 * {@code verified_phone_number} or {@code admin_only}, priorities 1 or 2, no name or priority twice,
 * and {@code admin_only} only alone. Cognito's texts for these are unknown; these are ours [D].
 */
public final class AccountRecoveryBuilder {

    static final List<String> NAMES = List.of("verified_email", "verified_phone_number", AccountRecovery.ADMIN_ONLY);

    private AccountRecoveryBuilder() {
    }

    /**
     * The setting as stored, mechanisms in priority order, or null (legacy order) when absent.
     *
     * @throws InvalidParameterException when a rule above is broken
     */
    public static AccountRecovery accountRecovery(AccountRecoveryInput input) {
        if (input == null) {
            return null;
        }
        List<RecoveryMechanismInput> given = input.recoveryMechanisms();
        if (given == null || given.isEmpty() || given.size() > 2) {
            throw new InvalidParameterException("AccountRecoverySetting must have 1 or 2 RecoveryMechanisms.");
        }
        List<RecoveryMechanism> mechanisms = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        for (RecoveryMechanismInput m : given) {
            if (m == null || m.name() == null || !NAMES.contains(m.name())) {
                throw new InvalidParameterException("RecoveryMechanism Name must be one of " + NAMES + ".");
            }
            if (m.priority() == null || m.priority() < 1 || m.priority() > 2) {
                throw new InvalidParameterException("RecoveryMechanism Priority must be 1 or 2.");
            }
            if (!names.add(m.name()) || !priorities.add(m.priority())) {
                throw new InvalidParameterException("RecoveryMechanisms must not repeat a Name or a Priority.");
            }
            mechanisms.add(new RecoveryMechanism(m.name(), m.priority()));
        }
        if (names.contains(AccountRecovery.ADMIN_ONLY) && (mechanisms.size() > 1 || mechanisms.get(0).priority() != 1)) {
            throw new InvalidParameterException("admin_only must be the only RecoveryMechanism, with Priority 1.");
        }
        mechanisms.sort(Comparator.comparingInt(RecoveryMechanism::priority));
        return new AccountRecovery(List.copyOf(mechanisms));
    }
}
