package io.userpools.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaCategoriesTest {

    @Test
    void operationsMapToTheirCognitoCategory() {
        assertThat(QuotaCategories.of("adminUpdateUserAttributes")).contains(QuotaCategory.UserUpdate);
        assertThat(QuotaCategories.of("adminGetUser")).contains(QuotaCategory.UserRead);
        assertThat(QuotaCategories.of("listUsers")).contains(QuotaCategory.UserList);
        assertThat(QuotaCategories.of("adminCreateUser")).contains(QuotaCategory.UserCreation);
        assertThat(QuotaCategories.of("initiateAuth")).contains(QuotaCategory.UserAuthentication);
        assertThat(QuotaCategories.of("describeUserPool")).contains(QuotaCategory.UserPoolRead);
        assertThat(QuotaCategories.of("startUserImportJob")).contains(QuotaCategory.UserPoolResourceUpdate);
        assertThat(QuotaCategories.of("describeUserImportJob")).contains(QuotaCategory.UserPoolResourceRead);
    }

    @Test
    void unknownOperationsAreNotLimited() {
        assertThat(QuotaCategories.of("somethingElse")).isEmpty();
    }

    @Test
    void cognitoDefaultsAreTheDocumentedOnes() {
        assertThat(QuotaCategory.UserUpdate.cognitoDefault()).isEqualTo(25);
        assertThat(QuotaCategory.UserRead.cognitoDefault()).isEqualTo(120);
        assertThat(QuotaCategory.UserPoolRead.cognitoDefault()).isEqualTo(15);
    }
}
