package io.userpools.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** What the AWS endpoint's SDK tests share: the running service's root, and an admin-signed SDK client. */
abstract class AwsSdkTest {

    @TestHTTPResource("/")
    URI root;

    CognitoIdentityProviderClient cognito;

    @BeforeEach
    void openClient() {
        cognito = AwsClients.admin(root);
    }

    @AfterEach
    void closeClient() {
        cognito.close();
    }

    /** A modelled error as Cognito sends it: HTTP 400, its code, and its text unless null. */
    static void assertError(AwsServiceException e, String code, String message) {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
    }
}
