package io.userpools.aws;

import static io.userpools.aws.AwsClients.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.userpools.support.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changes made through the AWS endpoint are recorded with the SigV4 access key as the admin actor. */
@QuarkusTest
class AwsHistoryTest extends AwsSdkTest {

    @Test
    void signedAdminWritesNameTheirAccessKey() {
        String pool = AwsClients.newPool(cognito);
        AwsClients.temporaryUser(cognito, pool, "awsy", attribute("given_name", "A"));
        cognito.adminUpdateUserAttributes(r -> r.userPoolId(pool).username("awsy")
                .userAttributes(attribute("given_name", "B")));
        cognito.adminDisableUser(r -> r.userPoolId(pool).username("awsy"));

        JsonPath page = Api.admin().get("/pools/{p}/users/{u}/history", pool, "awsy").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("entries.operation")).containsExactly("AdminDisableUser",
                "AdminUpdateUserAttributes", "AdminCreateUser");
        assertThat(page.getList("entries.actor")).containsOnly(Map.of("type", "admin", "keyId", "test"));
        assertThat(page.getList("entries.requestId")).doesNotContainNull();
        assertThat(page.getMap("entries[1].changes.attributes.given_name")).isEqualTo(Map.of("old", "A", "new", "B"));
    }
}
