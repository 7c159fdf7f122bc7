package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.pool.CreatePoolCommand;
import io.userpools.pool.PoolService;
import io.userpools.pool.UpdatePoolCommand;
import jakarta.inject.Singleton;
import java.util.List;

/** The pool and app client operations of the AWS endpoint, all signed. */
@Singleton
public class AwsPoolOperations implements AwsOperationGroup {

    private final AwsCalls calls;
    private final PoolService pools;

    public AwsPoolOperations(AwsCalls calls, PoolService pools) {
        this.calls = calls;
        this.pools = pools;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.signed("CreateUserPool", this::createUserPool),
                AwsOperations.Op.signed("DescribeUserPool", this::describeUserPool),
                AwsOperations.Op.signed("ListUserPools", this::listUserPools),
                AwsOperations.Op.signed("UpdateUserPool", this::updateUserPool),
                AwsOperations.Op.signed("AddCustomAttributes", this::addCustomAttributes),
                AwsOperations.Op.signed("DeleteUserPool", this::deleteUserPool));
    }

    private Uni<ObjectNode> createUserPool(Call call) {
        AwsInput in = call.input();
        AwsPoolInput pool = new AwsPoolInput(in);
        String name = in.string("PoolName", AwsInput.NAME, true);
        List<String> usernameAttributes = in.strings("UsernameAttributes", AwsInput.ATTRIBUTE_NAME);
        List<String> aliasAttributes = in.strings("AliasAttributes", AwsInput.ATTRIBUTE_NAME);
        AwsInput usernameConfiguration = in.structure("UsernameConfiguration");
        Boolean caseSensitive = null;
        if (usernameConfiguration != null) {
            caseSensitive = usernameConfiguration.bool("CaseSensitive");
            if (caseSensitive == null) {
                usernameConfiguration.invalid(null, "CaseSensitive", "Member must not be null");
            }
        }
        List<CreatePoolCommand.SchemaAttributeInput> schema = pool.schema("Schema", 1, 50, false);
        AwsPoolInput.Settings settings = pool.settings();
        pool.readUnsupported();
        in.check();
        pool.refuseUnsupported();
        CreatePoolCommand command = new CreatePoolCommand(name, usernameAttributes, aliasAttributes,
                settings.autoVerifiedAttributes(), settings.attributesRequireVerificationBeforeUpdate(), caseSensitive,
                schema, null, settings.messaging(), settings.passwordPolicy(), null, settings.invitations(),
                null, settings.accountRecovery());
        return calls.limited(call, null, pools.create(command)).map(created -> {
            ObjectNode out = calls.out();
            AwsShapes.pool(out.putObject("UserPool"), created, calls.region(), 0L);
            return out;
        });
    }

    private Uni<ObjectNode> describeUserPool(Call call) {
        String poolId = call.input().string("UserPoolId", AwsInput.USER_POOL_ID, true);
        call.input().check();
        return calls.limited(call, poolId, pools.get(poolId)
                .flatMap(pool -> pools.countUsers(poolId).map(users -> {
                    ObjectNode out = calls.out();
                    AwsShapes.pool(out.putObject("UserPool"), pool, calls.region(), users);
                    return out;
                })));
    }

    private Uni<ObjectNode> listUserPools(Call call) {
        AwsInput in = call.input();
        String nextToken = in.string("NextToken", AwsInput.Shape.of(1, Integer.MAX_VALUE, "[\\S]+"), false);
        Integer maxResults = in.integer("MaxResults", 1, 60, true);
        in.check();
        return calls.limited(call, null, pools.list(maxResults, nextToken)).map(page -> {
            ObjectNode out = calls.out();
            ArrayNode list = out.putArray("UserPools");
            page.pools().forEach(pool -> AwsShapes.poolDescription(list.addObject(), pool));
            if (page.nextToken() != null) {
                out.put("NextToken", page.nextToken());
            }
            return out;
        });
    }

    private Uni<ObjectNode> updateUserPool(Call call) {
        AwsInput in = call.input();
        AwsPoolInput pool = new AwsPoolInput(in);
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String name = in.string("PoolName", AwsInput.NAME, false);
        AwsPoolInput.Settings settings = pool.settings();
        pool.readUnsupported();
        in.check();
        pool.refuseUnsupported();
        UpdatePoolCommand command = new UpdatePoolCommand(name, null, null, null, settings.autoVerifiedAttributes(),
                settings.attributesRequireVerificationBeforeUpdate(), null, settings.messaging(),
                settings.passwordPolicy(), null, settings.invitations(), null, settings.accountRecovery(),
                UpdatePoolCommand.Omitted.COGNITO);
        return calls.limited(call, poolId, pools.update(poolId, command)).map(updated -> calls.out());
    }

    private Uni<ObjectNode> addCustomAttributes(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        List<CreatePoolCommand.SchemaAttributeInput> attributes = new AwsPoolInput(in)
                .schema("CustomAttributes", 1, 25, true);
        in.check();
        return calls.limited(call, poolId, pools.addCustomAttributes(poolId, attributes)).map(pool -> calls.out());
    }

    private Uni<ObjectNode> deleteUserPool(Call call) {
        String poolId = call.input().string("UserPoolId", AwsInput.USER_POOL_ID, true);
        call.input().check();
        return calls.limited(call, poolId, pools.delete(poolId)).map(nothing -> calls.out());
    }
}
