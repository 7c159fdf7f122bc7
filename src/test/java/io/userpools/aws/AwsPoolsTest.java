package io.userpools.aws;

import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NumberAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.StringAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * The pool operations of the AWS endpoint through the AWS SDK for Java v2: CreateUserPool with
 * every setting Userpools has, DescribeUserPool's UserPoolType, ListUserPools, UpdateUserPool,
 * AddCustomAttributes and DeleteUserPool, with Cognito's errors and member paths.
 */
@QuarkusTest
class AwsPoolsTest {

    @TestHTTPResource("/")
    URI root;

    CognitoIdentityProviderClient cognito;

    @BeforeEach
    void client() {
        cognito = CognitoIdentityProviderClient.builder().endpointOverride(root).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("test", "test-admin-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void close() {
        cognito.close();
    }

    static SchemaAttributeType custom(String name, AttributeDataType type) {
        return SchemaAttributeType.builder().name(name).attributeDataType(type).mutable(true).build();
    }

    UserPoolType create(Consumer<CreateUserPoolRequest.Builder> settings) {
        return cognito.createUserPool(r -> settings.accept(r.poolName("aws pools"))).userPool();
    }

    String newPool() {
        return create(r -> { }).id();
    }

    static InvalidParameterException invalid(Runnable call) {
        try {
            call.run();
        } catch (InvalidParameterException e) {
            assertThat(e.statusCode()).isEqualTo(400);
            return e;
        }
        throw new AssertionError("expected InvalidParameterException");
    }

    @Test
    void createUserPoolTakesEverySettingAndAnswersTheFullUserPoolType() {
        Instant before = Instant.now().minusSeconds(2);
        UserPoolType pool = create(r -> r.aliasAttributesWithStrings("email")
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .userAttributeUpdateSettings(u -> u.attributesRequireVerificationBeforeUpdateWithStrings("email"))
                .usernameConfiguration(u -> u.caseSensitive(false))
                .policies(p -> p.passwordPolicy(PasswordPolicyType.builder().minimumLength(12).requireSymbols(false)
                        .temporaryPasswordValidityDays(3).build()))
                .verificationMessageTemplate(t -> t.smsMessage("SMS code {####}").emailMessage("Mail code {####}")
                        .emailSubject("Welcome"))
                .emailConfiguration(e -> e.from("team@example.com"))
                .mfaConfiguration(UserPoolMfaType.OFF)
                .schema(SchemaAttributeType.builder().name("email").attributeDataType(AttributeDataType.STRING)
                                .required(true).mutable(true).stringAttributeConstraints(
                                        StringAttributeConstraintsType.builder().minLength("0").maxLength("2048")
                                                .build()).build(),
                        custom("tier", AttributeDataType.STRING).toBuilder().stringAttributeConstraints(
                                StringAttributeConstraintsType.builder().minLength("2").maxLength("16").build())
                                .build(),
                        custom("seats", AttributeDataType.NUMBER).toBuilder().numberAttributeConstraints(
                                NumberAttributeConstraintsType.builder().minValue("1").maxValue("500").build())
                                .build(),
                        custom("legacy", AttributeDataType.BOOLEAN).toBuilder().developerOnlyAttribute(true).build()));

        assertThat(pool.id()).matches("us-east-1_[0-9A-Za-z]{9}");
        assertThat(pool.arn()).isEqualTo("arn:aws:cognito-idp:us-east-1:000000000000:userpool/" + pool.id());
        assertThat(pool.creationDate()).isAfter(before).isEqualTo(pool.lastModifiedDate());
        assertThat(pool.aliasAttributesAsStrings()).containsExactly("email");
        assertThat(pool.autoVerifiedAttributesAsStrings()).containsExactly("email");
        assertThat(pool.userAttributeUpdateSettings().attributesRequireVerificationBeforeUpdateAsStrings())
                .containsExactly("email");
        assertThat(pool.usernameConfiguration().caseSensitive()).isFalse();
        PasswordPolicyType policy = pool.policies().passwordPolicy();
        assertThat(policy.minimumLength()).isEqualTo(12);
        assertThat(policy.requireSymbols()).isFalse();
        assertThat(policy.requireUppercase()).isTrue();
        assertThat(policy.temporaryPasswordValidityDays()).isEqualTo(3);
        assertThat(pool.verificationMessageTemplate().smsMessage()).isEqualTo("SMS code {####}");
        assertThat(pool.verificationMessageTemplate().emailMessage()).isEqualTo("Mail code {####}");
        assertThat(pool.verificationMessageTemplate().emailSubject()).isEqualTo("Welcome");
        assertThat(pool.emailVerificationMessage()).isEqualTo("Mail code {####}");
        assertThat(pool.emailVerificationSubject()).isEqualTo("Welcome");
        assertThat(pool.smsVerificationMessage()).isEqualTo("SMS code {####}");
        assertThat(pool.emailConfiguration().from()).isEqualTo("team@example.com");
        assertThat(pool.mfaConfiguration()).isEqualTo(UserPoolMfaType.OFF);
        assertThat(pool.estimatedNumberOfUsers()).isZero();

        Map<String, SchemaAttributeType> schema = new java.util.HashMap<>();
        pool.schemaAttributes().forEach(a -> schema.put(a.name(), a));
        assertThat(schema).hasSize(23).containsKeys("sub", "email", "updated_at", "custom:tier", "custom:seats",
                "dev:custom:legacy");
        assertThat(schema.get("email").required()).isTrue();
        assertThat(schema.get("sub").mutable()).isFalse();
        assertThat(schema.get("custom:tier").stringAttributeConstraints().maxLength()).isEqualTo("16");
        assertThat(schema.get("custom:tier").stringAttributeConstraints().minLength()).isEqualTo("2");
        assertThat(schema.get("custom:seats").attributeDataType()).isEqualTo(AttributeDataType.NUMBER);
        assertThat(schema.get("custom:seats").numberAttributeConstraints().maxValue()).isEqualTo("500");
        assertThat(schema.get("dev:custom:legacy").developerOnlyAttribute()).isTrue();
        assertThat(schema.get("updated_at").numberAttributeConstraints().minValue()).isEqualTo("0");

        // the same pool on the REST facade
        admin().get("/pools/{id}", pool.id()).then().statusCode(200)
                .body("passwordPolicy.minimumLength", equalTo(12))
                .body("messaging.email.from", equalTo("team@example.com"))
                .body("usernameCaseSensitive", equalTo(false));

        cognito.adminCreateUser(r -> r.userPoolId(pool.id()).username("ann").messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temp#Passw0rd1"));
        UserPoolType described = cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool();
        assertThat(described.estimatedNumberOfUsers()).isEqualTo(1);
        assertThat(described.schemaAttributes()).isEqualTo(pool.schemaAttributes());
        assertThat(described.policies()).isEqualTo(pool.policies());
    }

    @Test
    void aPoolCreatedWithOnlyANameHasCognitosDefaults() {
        UserPoolType pool = create(r -> { });
        assertThat(pool.schemaAttributes()).hasSize(20);
        assertThat(pool.policies().passwordPolicy()).isEqualTo(PasswordPolicyType.builder().minimumLength(8)
                .requireUppercase(true).requireLowercase(true).requireNumbers(true).requireSymbols(true)
                .temporaryPasswordValidityDays(7).build());
        assertThat(pool.usernameConfiguration().caseSensitive()).isTrue();
        assertThat(pool.autoVerifiedAttributes()).isEmpty();
        assertThat(pool.verificationMessageTemplate().emailSubject()).isEqualTo("Your verification code");
    }

    @Test
    void createUserPoolRefusesBrokenShapesWithTheirMemberPaths() {
        InvalidParameterException e = invalid(() -> create(r -> r
                .schema(custom("tier", AttributeDataType.STRING).toBuilder().stringAttributeConstraints(
                        StringAttributeConstraintsType.builder().maxLength("lots").build()).build(),
                        custom("a-name-longer-than-twenty", AttributeDataType.STRING))
                .policies(p -> p.passwordPolicy(PasswordPolicyType.builder().minimumLength(5).build()))
                .emailVerificationMessage("no placeholder here")));
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("4 validation errors detected: ")
                .contains("Value 'lots' at 'schema.1.member.stringAttributeConstraints.maxLength'")
                .contains("at 'schema.2.member.name' failed to satisfy constraint: Member must have length less "
                        + "than or equal to 20")
                .contains("Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 6")
                .contains("Value 'no placeholder here' at 'emailVerificationMessage' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: "
                        + "[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*");
        assertThat(invalid(() -> create(r -> r.schema(List.of()))).awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value at 'schema' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertThat(invalid(() -> create(r -> r.schema(custom("must", AttributeDataType.STRING).toBuilder()
                .required(true).build()))).awsErrorDetails().errorMessage())
                .isEqualTo("Required custom attributes are not supported currently.");
        assertThat(invalid(() -> create(r -> r.emailVerificationSubject("One")
                .verificationMessageTemplate(t -> t.emailSubject("Two")))).awsErrorDetails().errorMessage())
                .isEqualTo("EmailVerificationSubject conflicts with VerificationMessageTemplate.EmailSubject");
        assertThat(invalid(() -> create(r -> r.usernameAttributesWithStrings("email").aliasAttributesWithStrings(
                "email"))).awsErrorDetails().errorMessage())
                .isEqualTo("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
    }

    @Test
    void settingsUserpoolsCannotHonourAreRefusedNeverDropped() {
        String message = invalid(() -> create(r -> r
                .lambdaConfig(l -> l.customMessage("arn:aws:lambda:us-east-1:123456789012:function:custom"))
                .mfaConfiguration(UserPoolMfaType.ON)
                .userPoolTags(Map.of("team", "identity")))).awsErrorDetails().errorMessage();
        assertThat(message).startsWith("Not supported by Userpools: ").contains("LambdaConfig (the custom message "
                + "trigger is a webhook, set on the REST API: triggers.customMessage)")
                .contains("UserPoolTags").contains("MfaConfiguration ON");
        assertThat(invalid(() -> create(r -> r.emailConfiguration(e -> e.sourceArn(
                "arn:aws:ses:us-east-1:123456789012:identity/team@example.com")))).awsErrorDetails().errorMessage())
                .contains("EmailConfiguration.SourceArn");
        // the SMS gateway is the deployment's (outside the webhook egress rule): no pool chooses where SMS go
        assertThat(invalid(() -> create(r -> r.smsConfiguration(c -> c.snsCallerArn(
                "arn:aws:iam::123456789012:role/sms").externalId("x")))).awsErrorDetails().errorMessage())
                .startsWith("Not supported by Userpools: ").contains("SmsConfiguration");
        // the values Userpools behaves as are accepted, and empty structures are nothing
        create(r -> r.mfaConfiguration(UserPoolMfaType.OFF).lambdaConfig(l -> { }).userPoolTags(Map.of())
                .deletionProtection("INACTIVE"));
    }

    @Test
    void adminCreateUserConfigIsStoredAnsweredAndResetWhenAnUpdateLeavesItOut() {
        UserPoolType pool = create(r -> r.adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(true)
                .inviteMessageTemplate(t -> t.smsMessage("{username}: {####}").emailSubject("Welcome")
                        .emailMessage("Hello {username}, your temporary password is {####}"))));
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).isTrue();
        assertThat(pool.adminCreateUserConfig().unusedAccountValidityDays()).isEqualTo(7);
        assertThat(pool.adminCreateUserConfig().inviteMessageTemplate().smsMessage()).isEqualTo("{username}: {####}");
        assertThat(pool.adminCreateUserConfig().inviteMessageTemplate().emailSubject()).isEqualTo("Welcome");
        admin().get("/pools/{id}", pool.id()).then().statusCode(200)
                .body("adminCreateUserConfig.allowAdminCreateUserOnly", equalTo(true));
        assertThat(invalid(() -> create(r -> r.adminCreateUserConfig(a -> a.inviteMessageTemplate(t -> t
                .smsMessage("no placeholders here"))))).awsErrorDetails().errorMessage())
                .isEqualTo("The message is invalid.");
        assertThat(invalid(() -> create(r -> r.adminCreateUserConfig(a -> a.unusedAccountValidityDays(400))))
                .awsErrorDetails().errorMessage()).contains("adminCreateUserConfig.unusedAccountValidityDays")
                .contains("Member must have value less than or equal to 365");

        cognito.updateUserPool(r -> r.userPoolId(pool.id()).poolName("left out"));
        UserPoolType updated = cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool();
        assertThat(updated.adminCreateUserConfig().allowAdminCreateUserOnly())
                .as("AdminCreateUserConfig left out returns to its default (lifecycle spec 7.1)").isFalse();
        assertThat(updated.adminCreateUserConfig().inviteMessageTemplate()).isNull();
    }

    @Test
    void listUserPoolsPagesWithSealedTokens() {
        Set<String> created = new HashSet<>(List.of(newPool(), newPool(), newPool()));
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListUserPoolsResponse page = cognito.listUserPools(r -> r.maxResults(2).nextToken(next));
            assertThat(page.userPools()).hasSizeLessThanOrEqualTo(2);
            for (UserPoolDescriptionType pool : page.userPools()) {
                assertThat(pool.name()).isNotBlank();
                assertThat(pool.creationDate()).isNotNull();
                assertThat(pool.lastModifiedDate()).isNotNull();
                seen.add(pool.id());
            }
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsAll(created).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(cognito.listUserPoolsPaginator(r -> r.maxResults(60)).userPools().stream()
                .map(UserPoolDescriptionType::id)).containsAll(created);
    }

    @Test
    void listUserPoolsRefusesBadInput() {
        assertThat(invalid(() -> cognito.listUserPools(r -> { })).awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: "
                        + "Member must not be null");
        assertThat(invalid(() -> cognito.listUserPools(r -> r.maxResults(61))).awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 60");
        invalid(() -> cognito.listUserPools(r -> r.maxResults(0)));
        invalid(() -> cognito.listUserPools(r -> r.maxResults(5).nextToken("not-a-token")));
    }

    @Test
    void updateUserPoolResetsWhatCognitoResetsAndKeepsWhatItKeeps() {
        UserPoolType pool = create(r -> r.autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .policies(p -> p.passwordPolicy(PasswordPolicyType.builder().minimumLength(14).build()))
                .verificationMessageTemplate(t -> t.emailSubject("Custom subject")));
        adminJson(Map.of("autoVerifiedAttributes", List.of("email"), "passwordPolicy", Map.of("minimumLength", 14),
                "messaging", Map.of("email", Map.of("subject", "Custom subject")),
                "triggers", Map.of("customMessage", Map.of("url", "https://hooks.example/custom",
                        "secret", "0123456789abcdef0123")), "tokenValidity", Map.of("accessTokenSeconds", 900)))
                .put("/pools/{id}", pool.id()).then().statusCode(200);

        cognito.updateUserPool(r -> r.userPoolId(pool.id()).autoVerifiedAttributes(VerifiedAttributeType.PHONE_NUMBER)
                .poolName("renamed"));

        UserPoolType updated = cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool();
        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(updated.autoVerifiedAttributesAsStrings()).containsExactly("phone_number");
        assertThat(updated.policies().passwordPolicy().minimumLength()).isEqualTo(14);
        assertThat(updated.verificationMessageTemplate().emailSubject()).isEqualTo("Your verification code");
        assertThat(updated.lastModifiedDate()).isAfter(pool.lastModifiedDate());
        assertThat(updated.creationDate()).isEqualTo(pool.creationDate());
        // what the AWS request cannot carry is kept
        admin().get("/pools/{id}", pool.id()).then().statusCode(200)
                .body("triggers.customMessage.url", equalTo("https://hooks.example/custom"))
                .body("tokenValidity.accessTokenSeconds", equalTo(900));

        cognito.updateUserPool(r -> r.userPoolId(pool.id())
                .policies(p -> p.passwordPolicy(PasswordPolicyType.builder().minimumLength(9).build())));
        UserPoolType again = cognito.describeUserPool(r -> r.userPoolId(pool.id())).userPool();
        assertThat(again.autoVerifiedAttributes()).isEmpty();
        assertThat(again.policies().passwordPolicy().minimumLength()).isEqualTo(9);
        assertThat(again.name()).isEqualTo("renamed");
    }

    @Test
    void describeUserPoolsOutputSentBackToUpdateUserPoolChangesNothing() {
        UserPoolType p = create(r -> r.aliasAttributesWithStrings("email")
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .userAttributeUpdateSettings(u -> u.attributesRequireVerificationBeforeUpdateWithStrings("email"))
                .policies(x -> x.passwordPolicy(PasswordPolicyType.builder().minimumLength(11).build()))
                .verificationMessageTemplate(t -> t.emailSubject("Hi").smsMessage("Code {####}"))
                .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(true).inviteMessageTemplate(t -> t
                        .emailSubject("Welcome").emailMessage("Hi {username}, your password is {####}")))
                .emailConfiguration(e -> e.from("team@example.com")));
        cognito.updateUserPool(r -> r.userPoolId(p.id()).policies(p.policies())
                .autoVerifiedAttributes(p.autoVerifiedAttributes())
                .userAttributeUpdateSettings(p.userAttributeUpdateSettings())
                .verificationMessageTemplate(p.verificationMessageTemplate())
                .emailVerificationMessage(p.emailVerificationMessage())
                .emailVerificationSubject(p.emailVerificationSubject())
                .smsVerificationMessage(p.smsVerificationMessage()).emailConfiguration(p.emailConfiguration())
                .adminCreateUserConfig(p.adminCreateUserConfig())
                .mfaConfiguration(p.mfaConfiguration()).deletionProtection(p.deletionProtection()));
        UserPoolType after = cognito.describeUserPool(r -> r.userPoolId(p.id())).userPool();
        assertThat(after.toBuilder().lastModifiedDate(null).estimatedNumberOfUsers(null).build())
                .isEqualTo(p.toBuilder().lastModifiedDate(null).estimatedNumberOfUsers(null).build());
    }

    @Test
    void aLongEmailMessageIsCheckedInLinearTime() {
        String message = "{####}".repeat(3_333) + "\uE000";
        long start = System.nanoTime();
        assertThat(invalid(() -> cognito.updateUserPool(r -> r.userPoolId(newPool())
                .verificationMessageTemplate(t -> t.emailMessage(message)))).awsErrorDetails().errorMessage())
                .contains("at 'verificationMessageTemplate.emailMessage' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void updateUserPoolErrors() {
        String pool = create(r -> r.autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .userAttributeUpdateSettings(u -> u.attributesRequireVerificationBeforeUpdateWithStrings("email")))
                .id();
        assertThat(invalid(() -> cognito.updateUserPool(r -> r.userPoolId(pool)
                .userAttributeUpdateSettings(u -> u.attributesRequireVerificationBeforeUpdateWithStrings("email"))))
                .awsErrorDetails().errorMessage())
                .isEqualTo("All attributes in AttributesRequireVerificationBeforeUpdate must exist in "
                        + "AutoVerifiedAttributes");
        assertThat(invalid(() -> cognito.updateUserPool(r -> r.userPoolId(pool)
                .lambdaConfig(l -> l.customMessage("arn:aws:lambda:us-east-1:123456789012:function:custom"))))
                .awsErrorDetails().errorMessage()).startsWith("Not supported by Userpools: LambdaConfig");
        assertThat(invalid(() -> cognito.updateUserPool(r -> r.userPoolId(pool).smsVerificationMessage("no code")))
                .awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'no code' at "
                        + "'smsVerificationMessage' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern: .*\\{####\\}.*");
        assertThatThrownBy(() -> cognito.updateUserPool(r -> r.userPoolId("us-east-1_nothere12")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("User pool us-east-1_nothere12 does not exist."));
        // nothing of a refused update was stored
        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool)).userPool().autoVerifiedAttributesAsStrings())
                .containsExactly("email");
    }

    @Test
    void addCustomAttributesAppendsAndRefusesWhatCognitoRefuses() {
        String pool = newPool();
        cognito.addCustomAttributes(r -> r.userPoolId(pool).customAttributes(
                custom("plan", AttributeDataType.STRING), custom("score", AttributeDataType.NUMBER).toBuilder()
                        .numberAttributeConstraints(n -> n.minValue("0").maxValue("100")).build()));
        UserPoolType described = cognito.describeUserPool(r -> r.userPoolId(pool)).userPool();
        assertThat(described.schemaAttributes()).hasSize(22)
                .anySatisfy(a -> assertThat(a.name()).isEqualTo("custom:plan"))
                .anySatisfy(a -> {
                    assertThat(a.name()).isEqualTo("custom:score");
                    assertThat(a.numberAttributeConstraints().maxValue()).isEqualTo("100");
                });

        assertThat(invalid(() -> cognito.addCustomAttributes(r -> r.userPoolId(pool)
                .customAttributes(custom("plan", AttributeDataType.BOOLEAN)))).awsErrorDetails().errorMessage())
                .isEqualTo("custom:plan: Existing attribute already has name custom:plan.");
        List<SchemaAttributeType> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(custom("n" + i, AttributeDataType.STRING));
        }
        assertThat(invalid(() -> cognito.addCustomAttributes(r -> r.userPoolId(pool).customAttributes(many)))
                .awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at "
                        + "'customAttributes' failed to satisfy constraint: Member must have length less than or "
                        + "equal to 25");
        assertThat(invalid(() -> cognito.addCustomAttributes(r -> r.userPoolId(pool))).awsErrorDetails()
                .errorMessage()).isEqualTo("1 validation error detected: Value null at 'customAttributes' failed to "
                        + "satisfy constraint: Member must not be null");
        assertThat(invalid(() -> cognito.addCustomAttributes(r -> r.userPoolId(pool).customAttributes(
                SchemaAttributeType.builder().name("typeless").build()))).awsErrorDetails().errorMessage())
                .isEqualTo("Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
        assertThatThrownBy(() -> cognito.addCustomAttributes(r -> r.userPoolId("us-east-1_nothere12")
                .customAttributes(custom("x", AttributeDataType.STRING))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(cognito.describeUserPool(r -> r.userPoolId(pool)).userPool().schemaAttributes()).hasSize(22);
    }

    @Test
    void deleteUserPoolRemovesIt() {
        String pool = newPool();
        cognito.deleteUserPool(r -> r.userPoolId(pool));
        assertThatThrownBy(() -> cognito.describeUserPool(r -> r.userPoolId(pool)))
                .isInstanceOf(ResourceNotFoundException.class);
        AwsServiceException again = (AwsServiceException) org.assertj.core.api.Assertions.catchThrowable(
                () -> cognito.deleteUserPool(r -> r.userPoolId(pool)));
        assertThat(again).isInstanceOf(ResourceNotFoundException.class);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.awsErrorDetails().errorMessage()).isEqualTo("User pool " + pool + " does not exist.");
        assertThat(invalid(() -> cognito.deleteUserPool(r -> r.userPoolId("no pool"))).awsErrorDetails()
                .errorMessage()).isEqualTo("1 validation error detected: Value 'no pool' at 'userPoolId' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+");
    }
}
