package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.client.ClientService;
import io.userpools.client.CreateClientCommand;
import io.userpools.pool.CreatePoolCommand;
import io.userpools.pool.PoolService;
import jakarta.inject.Singleton;
import java.util.List;

/** The pool and app client operations of the AWS endpoint, all signed. */
@Singleton
public class AwsPoolOperations implements AwsOperationGroup {

    private final AwsCalls calls;
    private final PoolService pools;
    private final ClientService clients;


    public AwsPoolOperations(AwsCalls calls, PoolService pools, ClientService clients) {
        this.calls = calls;
        this.pools = pools;
        this.clients = clients;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.signed("CreateUserPool", this::createUserPool),
                AwsOperations.Op.signed("DescribeUserPool", this::describeUserPool));
    }

    private Uni<ObjectNode> createUserPool(Call call) {
        AwsInput in = call.input();
        String name = in.string("PoolName", AwsInput.NAME, true);
        List<String> usernameAttributes = in.strings("UsernameAttributes", AwsInput.ATTRIBUTE_NAME);
        List<String> aliasAttributes = in.strings("AliasAttributes", AwsInput.ATTRIBUTE_NAME);
        List<String> autoVerified = in.strings("AutoVerifiedAttributes", AwsInput.ATTRIBUTE_NAME);
        in.check();
        CreatePoolCommand command = new CreatePoolCommand(name, usernameAttributes, aliasAttributes, autoVerified,
                null, null, null, null, null, null, null);
        return calls.limited(call, null, pools.create(command)).map(pool -> {
            ObjectNode out = calls.out();
            AwsShapes.pool(out.putObject("UserPool"), pool, calls.region());
            return out;
        });
    }

    private Uni<ObjectNode> describeUserPool(Call call) {
        String poolId = call.input().string("UserPoolId", AwsInput.USER_POOL_ID, true);
        call.input().check();
        return calls.limited(call, poolId, pools.get(poolId)).map(pool -> {
            ObjectNode out = calls.out();
            AwsShapes.pool(out.putObject("UserPool"), pool, calls.region());
            return out;
        });
    }
}
