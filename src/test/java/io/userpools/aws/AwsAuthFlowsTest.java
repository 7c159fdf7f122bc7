package io.userpools.aws;

import static io.userpools.aws.AwsClients.PASSWORD;
import static io.userpools.aws.AwsClients.TEMPORARY;
import static io.userpools.aws.AwsClients.awsError;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.userpools.support.Lockouts;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

/**
 * The sign-in flows of the AWS endpoint through the AWS SDK for Java v2: AdminInitiateAuth
 * (ADMIN_USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH), RespondToAuthChallenge and
 * AdminRespondToAuthChallenge for NEW_PASSWORD_REQUIRED, with their error codes.
 */
@QuarkusTest
class AwsAuthFlowsTest extends AwsSdkTest {

    String adminClient(String pool) {
        return AwsClients.newClient(cognito, pool, ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
    }

    AdminInitiateAuthResponse adminSignIn(String pool, String clientId, String username, String password) {
        return cognito.adminInitiateAuth(r -> r.userPoolId(pool).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    @Test
    void adminInitiateAuthWithPasswordThenRefresh() {
        String pool = AwsClients.newPool(cognito);
        String clientId = adminClient(pool);
        AwsClients.confirmedUser(cognito, pool, "hana");

        AdminInitiateAuthResponse signedIn = adminSignIn(pool, clientId, "hana", PASSWORD);
        assertThat(signedIn.challengeName()).isNull();
        AuthenticationResultType auth = signedIn.authenticationResult();
        assertThat(auth.accessToken()).isNotBlank();
        assertThat(auth.idToken()).isNotBlank();
        assertThat(auth.refreshToken()).isNotBlank();
        assertThat(auth.tokenType()).isEqualTo("Bearer");
        assertThat(auth.expiresIn()).isPositive();
        assertThat(cognito.getUser(r -> r.accessToken(auth.accessToken())).username()).isEqualTo("hana");

        AuthenticationResultType refreshed = cognito.adminInitiateAuth(r -> r.userPoolId(pool).clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", auth.refreshToken()))).authenticationResult();
        assertThat(refreshed.accessToken()).isNotBlank().isNotEqualTo(auth.accessToken());
        assertThat(refreshed.refreshToken()).isNull();

        AwsServiceException bad = awsError(() -> cognito.adminInitiateAuth(r -> r.userPoolId(pool)
                .clientId(clientId).authFlow(AuthFlowType.REFRESH_TOKEN)
                .authParameters(Map.of("REFRESH_TOKEN", "not-a-refresh-token"))));
        assertError(bad, "NotAuthorizedException", "Invalid Refresh Token");
    }

    @Test
    void adminPasswordFlowNeedsTheClientToAllowIt() {
        String pool = AwsClients.newPool(cognito);
        String userPasswordOnly = AwsClients.newClient(cognito, pool, ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
        AwsClients.confirmedUser(cognito, pool, "ivan");
        assertError(awsError(() -> adminSignIn(pool, userPasswordOnly, "ivan", PASSWORD)),
                "InvalidParameterException", "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client");
        // and the admin flow is not one of InitiateAuth's, nor the public one AdminInitiateAuth's
        String admin = adminClient(pool);
        assertError(awsError(() -> cognito.initiateAuth(r -> r.clientId(admin)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "ivan", "PASSWORD", PASSWORD)))), "InvalidParameterException",
                "Initiate Auth method not supported.");
        assertError(awsError(() -> cognito.adminInitiateAuth(r -> r.userPoolId(pool).clientId(userPasswordOnly)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "ivan", "PASSWORD", PASSWORD)))), "InvalidParameterException",
                "Initiate Auth method not supported.");
    }

    @Test
    void flowsUserpoolsLacksAreNamed() {
        String pool = AwsClients.newPool(cognito);
        String clientId = adminClient(pool);
        assertError(awsError(() -> cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "x", "SRP_A", "abc")))), "InvalidParameterException",
                "Userpools does not support the USER_SRP_AUTH flow on InitiateAuth");
        assertError(awsError(() -> cognito.adminInitiateAuth(r -> r.userPoolId(pool).clientId(clientId)
                .authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", "x")))),
                "InvalidParameterException", "Userpools does not support the CUSTOM_AUTH flow on AdminInitiateAuth");
        assertError(awsError(() -> cognito.adminInitiateAuth(r -> r.userPoolId(pool).clientId(clientId)
                .authFlow("NO_SUCH_FLOW"))), "InvalidParameterException", "1 validation error detected: Value "
                        + "'NO_SUCH_FLOW' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value "
                        + "set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, "
                        + "USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH]");
    }

    @Test
    void adminInitiateAuthErrors() {
        String pool = AwsClients.newPool(cognito);
        String clientId = adminClient(pool);
        AwsClients.confirmedUser(cognito, pool, "jo");

        assertError(awsError(() -> adminSignIn(pool, clientId, "jo", "Wrong#Passw0rd")),
                "NotAuthorizedException", "Incorrect username or password.");
        assertError(awsError(() -> adminSignIn(pool, clientId, "nobody", PASSWORD)),
                "UserNotFoundException", "User does not exist.");
        cognito.adminDisableUser(r -> r.userPoolId(pool).username("jo"));
        assertError(awsError(() -> adminSignIn(pool, clientId, "jo", PASSWORD)),
                "NotAuthorizedException", "User is disabled.");

        String otherPool = AwsClients.newPool(cognito);
        assertError(awsError(() -> adminSignIn(otherPool, clientId, "jo", PASSWORD)),
                "ResourceNotFoundException", null);
        assertError(awsError(() -> adminSignIn("us-east-1_nothere1", clientId, "jo", PASSWORD)),
                "ResourceNotFoundException", null);
        assertError(awsError(() -> cognito.adminInitiateAuth(r -> r.userPoolId(pool).clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "jo")))),
                "InvalidParameterException", "Missing required parameter PASSWORD");
    }

    @Test
    void adminInitiateAuthAnswersByStatus() {
        String pool = AwsClients.newPool(cognito);
        String clientId = adminClient(pool);
        AwsClients.confirmedUser(cognito, pool, "max");
        AwsClients.status(pool, "max", "UNCONFIRMED");
        assertError(awsError(() -> adminSignIn(pool, clientId, "max", PASSWORD)),
                "UserNotConfirmedException", "User is not confirmed.");
        AwsClients.status(pool, "max", "RESET_REQUIRED");
        assertError(awsError(() -> adminSignIn(pool, clientId, "max", PASSWORD)),
                "PasswordResetRequiredException", "Password reset required for the user");
    }

    @Test
    void adminWrongPasswordsLockOutBothSignIns() throws SQLException {
        String pool = AwsClients.newPool(cognito);
        String clientId = AwsClients.newClient(cognito, pool, ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH);
        AwsClients.confirmedUser(cognito, pool, "ned");
        for (int i = 0; i < 5; i++) {
            awsError(() -> adminSignIn(pool, clientId, "ned", "Wrong#Passw0rd"));
        }
        Lockouts.hold(pool);
        assertError(awsError(() -> adminSignIn(pool, clientId, "ned", PASSWORD)),
                "NotAuthorizedException", "Password attempts exceeded");
        assertError(awsError(() -> cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "ned", "PASSWORD", PASSWORD)))),
                "NotAuthorizedException", "Password attempts exceeded");
    }

    @Test
    void adminInitiateAuthIsSigned() {
        String pool = AwsClients.newPool(cognito);
        String clientId = adminClient(pool);
        try (CognitoIdentityProviderClient stranger = AwsClients.client(root, "test", "not-the-secret",
                Region.US_EAST_1)) {
            AwsServiceException e = awsError(() -> stranger.adminInitiateAuth(r -> r.userPoolId(pool)
                    .clientId(clientId).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "x", "PASSWORD", PASSWORD))));
            assertError(e, "InvalidSignatureException", null);
        }
    }

    @Test
    void newPasswordChallengeAnsweredOnRespondToAuthChallenge() {
        String pool = AwsClients.newPool(cognito);
        String clientId = AwsClients.newClient(cognito, pool, ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
        AwsClients.temporaryUser(cognito, pool, "kim");

        InitiateAuthResponse challenge = cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "kim", "PASSWORD", TEMPORARY)));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(challenge.session()).hasSizeBetween(20, 2048);
        assertThat(challenge.challengeParameters()).containsEntry("USER_ID_FOR_SRP", "kim");
        assertThat(challenge.authenticationResult()).isNull();

        assertError(awsError(() -> cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "kim", "NEW_PASSWORD", "weak")))),
                "InvalidPasswordException", null);
        assertError(awsError(() -> cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "kim")))),
                "InvalidParameterException", "Missing required parameter NEW_PASSWORD");
        assertError(awsError(() -> cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session("x".repeat(40))
                .challengeResponses(Map.of("USERNAME", "kim", "NEW_PASSWORD", PASSWORD)))),
                "NotAuthorizedException", "Invalid session for the user.");

        AuthenticationResultType auth = cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "kim", "NEW_PASSWORD", PASSWORD))).authenticationResult();
        assertThat(auth.accessToken()).isNotBlank();
        assertThat(auth.refreshToken()).isNotBlank();
        assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("kim")).userStatus())
                .isEqualTo(UserStatusType.CONFIRMED);
        // the session is spent: the user is no longer in FORCE_CHANGE_PASSWORD
        assertError(awsError(() -> cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "kim", "NEW_PASSWORD", "Another#Passw0rd")))),
                "NotAuthorizedException", "Invalid session for the user.");
    }

    @Test
    void newPasswordChallengeAnsweredOnAdminRespondToAuthChallenge() {
        String pool = AwsClients.newPool(cognito);
        String clientId = adminClient(pool);
        AwsClients.temporaryUser(cognito, pool, "lea");

        AdminInitiateAuthResponse challenge = adminSignIn(pool, clientId, "lea", TEMPORARY);
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(challenge.session()).isNotBlank();

        String otherPool = AwsClients.newPool(cognito);
        assertError(awsError(() -> cognito.adminRespondToAuthChallenge(r -> r.userPoolId(otherPool)
                .clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "lea", "NEW_PASSWORD", PASSWORD)))),
                "ResourceNotFoundException", null);

        AuthenticationResultType auth = cognito.adminRespondToAuthChallenge(r -> r.userPoolId(pool)
                .clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "lea", "NEW_PASSWORD", PASSWORD))).authenticationResult();
        assertThat(auth.accessToken()).isNotBlank();
        assertThat(adminSignIn(pool, clientId, "lea", PASSWORD).authenticationResult()).isNotNull();
    }

    @Test
    void challengeInputErrors() {
        String pool = AwsClients.newPool(cognito);
        String clientId = adminClient(pool);
        assertError(awsError(() -> cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.SMS_MFA).session("s".repeat(30))
                .challengeResponses(Map.of("USERNAME", "x")))), "InvalidParameterException", null);
        assertError(awsError(() -> cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName("NOT_A_CHALLENGE").session("s".repeat(30)))), "InvalidParameterException",
                "1 validation error detected: Value 'NOT_A_CHALLENGE' at 'challengeName' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [SMS_MFA, SOFTWARE_TOKEN_MFA, "
                        + "SELECT_MFA_TYPE, MFA_SETUP, PASSWORD_VERIFIER, CUSTOM_CHALLENGE, DEVICE_SRP_AUTH, "
                        + "DEVICE_PASSWORD_VERIFIER, ADMIN_NO_SRP_AUTH, NEW_PASSWORD_REQUIRED]");
        assertError(awsError(() -> cognito.adminRespondToAuthChallenge(r -> r.userPoolId(pool).clientId(clientId)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session("short")
                .challengeResponses(Map.of("USERNAME", "x", "NEW_PASSWORD", PASSWORD)))),
                "InvalidParameterException", "1 validation error detected: Value at 'session' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 20");
        assertError(awsError(() -> cognito.respondToAuthChallenge(r -> r.clientId("unknownclient")
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session("s".repeat(30))
                .challengeResponses(Map.of("USERNAME", "x", "NEW_PASSWORD", PASSWORD)))),
                "ResourceNotFoundException", null);
    }
}
