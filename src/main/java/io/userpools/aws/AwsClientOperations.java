package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.client.Client;
import io.userpools.client.ClientService;
import io.userpools.client.CognitoOnlySettings;
import io.userpools.client.CreateClientCommand;
import io.userpools.client.UpdateClientCommand;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The app client operations of the AWS endpoint, all signed: CreateUserPoolClient,
 * DescribeUserPoolClient, ListUserPoolClients, UpdateUserPoolClient, DeleteUserPoolClient. Every
 * member of Cognito's request shapes is read; the ones Userpools has no machinery for go to the
 * domain as {@link CognitoOnlySettings}, which refuses any value Userpools cannot honour. As in
 * Cognito, and unlike the REST facade (which shows it once, on creation), the signed admin caller
 * gets the client secret back from Describe and Update: AWS tools read it there to compute secret
 * hashes.
 */
@Singleton
public class AwsClientOperations implements AwsOperationGroup {

    private static final AwsInput.Shape PERMISSION = AwsInput.Shape.of(1, 2048, null);
    private static final AwsInput.Shape ENUM = AwsInput.Shape.of(0, Integer.MAX_VALUE, null);
    private static final AwsInput.Shape PROVIDER = AwsInput.Shape.of(1, 32, "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    private static final AwsInput.Shape URL = AwsInput.Shape.of(1, 1024, "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    private static final AwsInput.Shape SCOPE = AwsInput.Shape.of(1, 256, "[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final AwsInput.Shape NEXT_TOKEN = AwsInput.Shape.of(1, 131_072, "[\\S]+");

    /** The settings members that CreateUserPoolClient and UpdateUserPoolClient share. */
    private record Settings(List<String> read, List<String> write, List<String> flows, Long access, Long id,
            Long refresh, CreateClientCommand.ValidityUnits units, String preventUserExistenceErrors,
            CognitoOnlySettings cognitoOnly) {
    }

    private final AwsCalls calls;
    private final ClientService clients;

    public AwsClientOperations(AwsCalls calls, ClientService clients) {
        this.calls = calls;
        this.clients = clients;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.signed("CreateUserPoolClient", this::createUserPoolClient),
                AwsOperations.Op.signed("DescribeUserPoolClient", this::describeUserPoolClient),
                AwsOperations.Op.signed("ListUserPoolClients", this::listUserPoolClients),
                AwsOperations.Op.signed("UpdateUserPoolClient", this::updateUserPoolClient),
                AwsOperations.Op.signed("DeleteUserPoolClient", this::deleteUserPoolClient));
    }

    private Uni<ObjectNode> createUserPoolClient(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String name = in.string("ClientName", AwsInput.NAME, true);
        Boolean generateSecret = in.bool("GenerateSecret");
        Settings s = settings(in);
        in.check();
        CreateClientCommand command = new CreateClientCommand(name, s.read(), s.write(), s.flows(), generateSecret,
                s.access(), s.id(), s.refresh(), s.units(), s.preventUserExistenceErrors(), s.cognitoOnly());
        return calls.limited(call, poolId, clients.create(poolId, command))
                .map(created -> answer(created.client(), created.secret()));
    }

    private Uni<ObjectNode> describeUserPoolClient(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        in.check();
        return calls.limited(call, poolId, clients.describe(poolId, clientId))
                .map(client -> answer(client, clients.secretOf(client)));
    }

    private Uni<ObjectNode> listUserPoolClients(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        Integer maxResults = in.integer("MaxResults", 1, 60);
        String nextToken = in.string("NextToken", NEXT_TOKEN, false);
        in.check();
        int limit = maxResults == null ? 60 : maxResults;
        return calls.limited(call, poolId, clients.list(poolId, limit, nextToken)).map(page -> {
            ObjectNode out = calls.out();
            ArrayNode list = out.putArray("UserPoolClients");
            page.clients().forEach(client -> AwsShapes.clientDescription(list.addObject(), client));
            if (page.nextToken() != null) {
                out.put("NextToken", page.nextToken());
            }
            return out;
        });
    }

    private Uni<ObjectNode> updateUserPoolClient(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        String name = in.string("ClientName", AwsInput.NAME, false);
        Settings s = settings(in);
        in.check();
        UpdateClientCommand command = new UpdateClientCommand(name, s.read(), s.write(), s.flows(), s.access(),
                s.id(), s.refresh(), s.units(), s.preventUserExistenceErrors(), s.cognitoOnly());
        return calls.limited(call, poolId, clients.update(poolId, clientId, command))
                .map(client -> answer(client, clients.secretOf(client)));
    }

    private Uni<ObjectNode> deleteUserPoolClient(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String clientId = in.string("ClientId", AwsInput.CLIENT_ID, true);
        in.check();
        return calls.limited(call, poolId, clients.delete(poolId, clientId)).map(nothing -> calls.out());
    }

    /** {@code {"UserPoolClient": {...}}}, with the secret when the client has one. */
    private ObjectNode answer(Client client, String secret) {
        ObjectNode out = calls.out();
        AwsShapes.client(out.putObject("UserPoolClient"), client, secret);
        return out;
    }

    /** The members of the settings, with the model's constraints (violations go to {@link AwsInput#check}). */
    private static Settings settings(AwsInput in) {
        List<String> read = in.strings("ReadAttributes", PERMISSION);
        List<String> write = in.strings("WriteAttributes", PERMISSION);
        List<String> flows = in.strings("ExplicitAuthFlows", ENUM);
        Integer refresh = in.integer("RefreshTokenValidity", 0, 315_360_000);
        Integer access = in.integer("AccessTokenValidity", 1, 86_400);
        Integer id = in.integer("IdTokenValidity", 1, 86_400);
        String accessUnit = in.nested("TokenValidityUnits", "AccessToken", ENUM);
        String idUnit = in.nested("TokenValidityUnits", "IdToken", ENUM);
        String refreshUnit = in.nested("TokenValidityUnits", "RefreshToken", ENUM);
        CreateClientCommand.ValidityUnits units = in.has("TokenValidityUnits")
                ? new CreateClientCommand.ValidityUnits(accessUnit, idUnit, refreshUnit) : null;
        String prevent = in.string("PreventUserExistenceErrors", ENUM, false);
        CognitoOnlySettings cognitoOnly = new CognitoOnlySettings(in.bool("EnableTokenRevocation"),
                in.bool("EnablePropagateAdditionalUserContextData"), in.integer("AuthSessionValidity", 3, 15),
                in.strings("SupportedIdentityProviders", PROVIDER), in.strings("CallbackURLs", URL),
                in.strings("LogoutURLs", URL), in.string("DefaultRedirectURI", URL, false),
                in.strings("AllowedOAuthFlows", ENUM), in.strings("AllowedOAuthScopes", SCOPE),
                in.bool("AllowedOAuthFlowsUserPoolClient"), in.has("AnalyticsConfiguration"));
        return new Settings(read, write, flows, longOf(access), longOf(id), longOf(refresh), units, prevent,
                cognitoOnly);
    }

    private static Long longOf(Integer value) {
        return value == null ? null : value.longValue();
    }
}
