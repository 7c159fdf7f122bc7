package io.userpools.verification;

import static io.userpools.support.Api.PROBLEM;
import static io.userpools.support.Api.admin;
import static io.userpools.support.Api.adminJson;
import static io.userpools.support.Api.createPool;
import static io.userpools.support.Api.createUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.userpools.common.error.AliasExistsException;
import io.userpools.common.error.CodeMismatchException;
import io.userpools.common.error.CognitoException;
import io.userpools.common.error.ExpiredCodeException;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.LimitExceededException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.userpools.support.Mailbox;
import io.userpools.support.Outbox;
import io.userpools.support.MessagingServers;
import io.userpools.support.SmsGateway;
import io.userpools.user.PoolUser;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Codes end to end with real servers: the admin PATCH sends a code through the outbox to the test
 * SMTP server or SMS gateway, the test reads it there and verifies it through the service.
 */
@QuarkusTest
class VerificationFlowTest {

    private static final String PATCH = "/pools/{poolId}/users/{username}/attributes";

    @Inject
    PoolService pools;
    @Inject
    VerificationService verification;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    static CognitoException failure(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(CognitoException.class);
        return (CognitoException) thrown;
    }

    Pool pool(String id) {
        return await(() -> pools.get(id));
    }

    UUID sub(String poolId, String username) {
        return UUID.fromString(admin().get("/pools/{p}/users/{u}", poolId, username).then().statusCode(200)
                .extract().path("sub"));
    }

    static String autoVerifiedPool(List<String> requireBeforeUpdate) {
        return createPool(Map.of("name", "v-" + UUID.randomUUID().toString().substring(0, 8),
                "aliasAttributes", List.of("email", "phone_number"),
                "autoVerifiedAttributes", List.of("email", "phone_number"),
                "attributesRequireVerificationBeforeUpdate", requireBeforeUpdate,
                "messaging", Map.of("email", Map.of("from", "shop@userpools.test", "subject", "Shop code",
                        "message", "Your shop code is {####}."), "sms", Map.of("message", "Shop {####}"))));
    }

    @Test
    void adminEmailChangeMailsACodeThatVerifiesTheEmail() {
        String poolId = autoVerifiedPool(List.of());
        createUser(poolId, "ann", Map.of());
        String email = unique("ann");
        adminJson(Map.of("attributes", Map.of("email", email))).patch(PATCH, poolId, "ann").then()
                .statusCode(200)
                .body("attributes.email", equalTo(email))
                .body("attributes.email_verified", equalTo("false"))
                .body("codeDeliveryDetails", hasSize(1))
                .body("codeDeliveryDetails[0].destination", equalTo("a***@e***"))
                .body("codeDeliveryDetails[0].deliveryMedium", equalTo("EMAIL"))
                .body("codeDeliveryDetails[0].attributeName", equalTo("email"));
        Mailbox.Mail mail = Mailbox.await(email, 1);
        assertThat(mail.subject()).isEqualTo("Shop code");
        assertThat(mail.from()).isEqualTo("shop@userpools.test");
        assertThat(mail.body()).matches("Your shop code is [0-9]{6}\\.");

        UUID sub = sub(poolId, "ann");
        Pool pool = pool(poolId);
        PoolUser verified = await(() -> verification.verify(pool, sub, "email", mail.code()));
        assertThat(verified.attributes()).containsEntry("email_verified", "true").containsEntry("email", email);
        // the verified email is now an alias: the admin path resolves it
        admin().get("/pools/{p}/users/{u}", poolId, email).then().statusCode(200).body("username", equalTo("ann"));
        // single use
        assertThat(failure(() -> await(() -> verification.verify(pool, sub, "email", mail.code()))))
                .isInstanceOf(ExpiredCodeException.class)
                .hasMessage("Invalid code provided, please request a code again.");
    }

    @Test
    void adminVerifiedFlagInTheSameRequestSendsNothing() {
        String poolId = autoVerifiedPool(List.of());
        createUser(poolId, "ben", Map.of());
        String email = unique("ben");
        adminJson(Map.of("attributes", Map.of("email", email, "email_verified", "true")))
                .patch(PATCH, poolId, "ben").then().statusCode(200)
                .body("attributes.email_verified", equalTo("true"))
                .body("codeDeliveryDetails", nullValue());
        Outbox.assertNothingSent(poolId, email);
    }

    @Test
    void pendingChangeKeepsTheOldValueUntilVerifiedThenPromotesAndFreesTheOldAlias() {
        String poolId = autoVerifiedPool(List.of("email"));
        String old = unique("cleo");
        createUser(poolId, "cleo", Map.of("email", old, "email_verified", "true"));
        String fresh = unique("cleo-new");
        adminJson(Map.of("attributes", Map.of("email", fresh))).patch(PATCH, poolId, "cleo").then()
                .statusCode(200)
                .body("attributes.email", equalTo(old))
                .body("attributes.email_verified", equalTo("true"))
                .body("pendingAttributes.email", equalTo(fresh))
                .body("codeDeliveryDetails[0].destination", equalTo("c***@e***"));
        String code = Mailbox.await(fresh, 1).code();
        Outbox.assertNothingSent(poolId, old);

        Pool pool = pool(poolId);
        UUID sub = sub(poolId, "cleo");
        PoolUser after = await(() -> verification.verify(pool, sub, "email", code));
        assertThat(after.attributes()).containsEntry("email", fresh).containsEntry("email_verified", "true");
        assertThat(after.pending()).doesNotContainKey("email");
        admin().get("/pools/{p}/users/{u}", poolId, fresh).then().statusCode(200).body("username", equalTo("cleo"));
        admin().get("/pools/{p}/users/{u}", poolId, old).then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("UserNotFoundException"));
    }

    @Test
    void codeRequestedDuringAPendingChangeGoesToTheActiveValueAndSupersedesThePendingCode() {
        String poolId = autoVerifiedPool(List.of("email"));
        String old = unique("dora");
        createUser(poolId, "dora", Map.of("email", old, "email_verified", "true"));
        String fresh = unique("dora-new");
        adminJson(Map.of("attributes", Map.of("email", fresh))).patch(PATCH, poolId, "dora").then().statusCode(200);
        String pendingCode = Mailbox.await(fresh, 1).code();
        Pool pool = pool(poolId);
        UUID sub = sub(poolId, "dora");

        CodeDeliveryDetails details = await(() -> verification.sendCode(pool, sub, "email", "client-1", null));
        assertThat(details).isEqualTo(CodeDeliveryDetails.of("email", old));
        String activeCode = Mailbox.await(old, 1).code();
        if (!activeCode.equals(pendingCode)) {
            assertThat(failure(() -> await(() -> verification.verify(pool, sub, "email", pendingCode))))
                    .isInstanceOf(CodeMismatchException.class)
                    .hasMessage("Invalid verification code provided, please try again.");
        }
        PoolUser after = await(() -> verification.verify(pool, sub, "email", activeCode));
        assertThat(after.attributes()).containsEntry("email", old);
        assertThat(after.pending()).containsEntry("email", fresh);
    }

    @Test
    void verifyWithoutCodeIsExpiredAndWrongCodeIsMismatch() {
        String poolId = autoVerifiedPool(List.of());
        String email = unique("eve");
        createUser(poolId, "eve", Map.of("email", email));
        Pool pool = pool(poolId);
        UUID sub = sub(poolId, "eve");
        assertThat(failure(() -> await(() -> verification.verify(pool, sub, "email", "123456"))))
                .isInstanceOf(ExpiredCodeException.class);
        await(() -> verification.sendCode(pool, sub, "email", "client-1", Map.of()));
        String code = Mailbox.await(email, 1).code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        CognitoException mismatch = failure(() -> await(() -> verification.verify(pool, sub, "email", wrong)));
        assertThat(mismatch).isInstanceOf(CodeMismatchException.class);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(await(() -> verification.verify(pool, sub, "email", code)).attributes())
                .containsEntry("email_verified", "true");
    }

    @Test
    void onlyEmailAndPhoneWithAValueCanBeVerified() {
        String poolId = autoVerifiedPool(List.of());
        createUser(poolId, "finn", Map.of("nickname", "f"));
        Pool pool = pool(poolId);
        UUID sub = sub(poolId, "finn");
        assertThat(failure(() -> await(() -> verification.sendCode(pool, sub, "nickname", "c", null))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("Invalid attribute name. Only phone_number and email can be verified.");
        assertThat(failure(() -> await(() -> verification.sendCode(pool, sub, "email", "c", null))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("User does not have a valid registered email address");
        assertThat(failure(() -> await(() -> verification.sendCode(pool, sub, "phone_number", "c", null))))
                .hasMessage("User does not have a valid registered phone number");
        assertThat(failure(() -> await(() -> verification.verify(pool, sub, "nickname", "123456"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void sixthCodeRequestInAnHourIsLimitExceededWithRetryAfter() {
        String poolId = autoVerifiedPool(List.of());
        String email = unique("gus");
        createUser(poolId, "gus", Map.of("email", email));
        Pool pool = pool(poolId);
        UUID sub = sub(poolId, "gus");
        for (int i = 0; i < 5; i++) {
            await(() -> verification.sendCode(pool, sub, "email", "c", null));
        }
        CognitoException limited = failure(() -> await(() -> verification.sendCode(pool, sub, "email", "c", null)));
        assertThat(limited).isInstanceOf(LimitExceededException.class)
                .hasMessage("Attempt limit exceeded, please try after some time.");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterSeconds()).isBetween(3000L, 3600L);
        // exactly one of the five codes is live: the others were superseded (the outbox may
        // deliver the mails in any order, so each code is tried; four misses stay under 15)
        Mailbox.await(email, 5);
        int verified = 0;
        for (Mailbox.Mail mail : Mailbox.to(email)) {
            try {
                assertThat(await(() -> verification.verify(pool, sub, "email", mail.code())).attributes())
                        .containsEntry("email_verified", "true");
                verified++;
            } catch (CodeMismatchException | ExpiredCodeException superseded) {
                // a superseded code, or any code after the live one was used
            }
        }
        assertThat(verified).isEqualTo(1);
    }

    @Test
    void sixteenthVerifyAttemptIsLimitExceededEvenWithTheRightCode() {
        String poolId = autoVerifiedPool(List.of());
        String email = unique("hal");
        createUser(poolId, "hal", Map.of("email", email));
        Pool pool = pool(poolId);
        UUID sub = sub(poolId, "hal");
        await(() -> verification.sendCode(pool, sub, "email", "c", null));
        String code = Mailbox.await(email, 1).code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 15; i++) {
            assertThat(failure(() -> await(() -> verification.verify(pool, sub, "email", wrong))))
                    .isInstanceOf(CodeMismatchException.class);
        }
        assertThat(failure(() -> await(() -> verification.verify(pool, sub, "email", code))))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void verifyingAValueThatIsAnotherUsersVerifiedAliasIsAliasExists() {
        String poolId = autoVerifiedPool(List.of());
        String shared = unique("shared");
        createUser(poolId, "ivy", Map.of("email", shared, "email_verified", "true"));
        createUser(poolId, "jon", Map.of());
        adminJson(Map.of("attributes", Map.of("email", shared))).patch(PATCH, poolId, "jon").then().statusCode(200)
                .body("codeDeliveryDetails", hasSize(1));
        String code = Mailbox.await(shared, 1).code();
        Pool pool = pool(poolId);
        UUID jon = sub(poolId, "jon");
        CognitoException clash = failure(() -> await(() -> verification.verify(pool, jon, "email", code)));
        assertThat(clash).isInstanceOf(AliasExistsException.class)
                .hasMessage("An account with the given email already exists.");
        admin().get("/pools/{p}/users/{u}", poolId, "jon").then().body("attributes.email_verified", equalTo("false"));
        admin().get("/pools/{p}/users/{u}", poolId, shared).then().body("username", equalTo("ivy"));
    }

    @Test
    void phoneChangeSendsAnSmsThroughTheGatewayWithTheBearerToken() {
        String poolId = autoVerifiedPool(List.of());
        createUser(poolId, "kim", Map.of());
        String phone = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
        adminJson(Map.of("attributes", Map.of("phone_number", phone))).patch(PATCH, poolId, "kim").then()
                .statusCode(200)
                .body("codeDeliveryDetails[0].deliveryMedium", equalTo("SMS"))
                .body("codeDeliveryDetails[0].destination", equalTo("+*******" + phone.substring(phone.length() - 4)));
        SmsGateway.Sms sms = SmsGateway.await(phone, 1);
        assertThat(sms.authorization()).isEqualTo("Bearer " + MessagingServers.GATEWAY_TOKEN);
        assertThat(sms.message()).matches("Shop [0-9]{6}");
        Pool pool = pool(poolId);
        UUID sub = sub(poolId, "kim");
        PoolUser after = await(() -> verification.verify(pool, sub, "phone_number", sms.code()));
        assertThat(after.attributes()).containsEntry("phone_number_verified", "true");
    }
}
