package io.userpools.auth;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.userpools.client.ClientPolicy;
import io.userpools.common.Metrics;
import io.userpools.common.PeriodicTask;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Removes sessions that no check can need any more: on a periodic timer, one run at a time per
 * replica ({@link PeriodicTask}, as the history removal runs), pool by pool in random order, in
 * statements of at most {@link SessionsConfig#purgeBatch()} sessions and at most
 * {@link SessionsConfig#purgeBatches()} statements per run. Replicas running at once skip each
 * other's rows ({@code SKIP LOCKED}).
 *
 * <p>When a session row is no longer needed, from every place that reads it:
 * <ul>
 * <li>Refresh ({@link SignInService}) finds the row by the refresh token's hash and refuses it once
 * revoked or expired ("Refresh Token has been revoked" / "has expired"); without the row it refuses
 * it too ("Invalid Refresh Token"). So no token is issued from a session after it ended, and
 * removing the row changes only the message of a refusal.</li>
 * <li>Access-token checks ({@link AccessTokenVerifier#state}, and {@link io.userpools.user.SessionGuard}
 * inside the self-service statements, which fall back to it) refuse a token whose session is revoked,
 * started before the user's global sign-out ({@code users.signed_out_at}), <em>or is not found</em>.
 * So removing a revoked row changes no answer. They do not look at {@code expires_at}, though: an
 * access token issued by a refresh just before the session expired stays valid for its client's
 * access-token validity, at most {@link ClientPolicy#MAX_ACCESS_SECONDS} (1 day, Cognito's bound,
 * which every client's setting passes), and removing the row earlier would refuse it as revoked.
 * The expiry of the token itself ({@code exp}) is checked before any session is read, so once the
 * last token of a session has expired, nothing reads its row.</li>
 * <li>Global sign-out, the password events' revocation and client deletion update only rows not
 * revoked yet; a removed row needs no revocation. A deleted user's sessions go by cascade.</li>
 * </ul>
 * So a session is removed once it ended (expired or revoked, whichever came first) more than
 * {@code MAX_ACCESS_SECONDS} plus {@link SessionsConfig#purgeMargin()} ago. The margin covers clocks
 * that disagree: {@code exp} and {@code expires_at} come from the replica that wrote them, the cutoff
 * from this one. Revoked sessions would not need the wait, but one rule for both costs a day of rows
 * and keeps the refresh's precise answer meanwhile.
 */
@Singleton
public class SessionPurge {

    private final SessionRepository sessions;
    private final SessionsConfig config;
    private final Metrics metrics;
    private final Clock clock;
    private final Vertx vertx;
    private final PeriodicTask timer = new PeriodicTask("sessions", "ended sessions removed", this::purge);

    public SessionPurge(SessionRepository sessions, SessionsConfig config, Metrics metrics, Clock clock, Vertx vertx) {
        this.sessions = sessions;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer.start(vertx, config.purgeInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        timer.stop(vertx);
    }

    /**
     * One run: removes the sessions that ended before the cutoff (see the class comment), a batch
     * at a time, each pool until a batch comes back short, until the run's statements are used up.
     *
     * @return how many sessions were removed
     */
    public Uni<Integer> purge() {
        return purge(cutoff(clock.instant()), Math.max(1, config.purgeBatch()), Math.max(1, config.purgeBatches()));
    }

    /** The instant before which a session must have ended to be removed at {@code now}. */
    Instant cutoff(Instant now) {
        return now.minusSeconds(ClientPolicy.MAX_ACCESS_SECONDS).minus(config.purgeMargin());
    }

    /** One run with the given cutoff, batch size and statements. */
    Uni<Integer> purge(Instant cutoff, int batch, int statements) {
        return sessions.poolsToPurge(cutoff).chain(found -> {
            // a random order: a pool with a long backlog does not hold back the others run after run
            List<String> pools = new ArrayList<>(found);
            Collections.shuffle(pools);
            return purge(pools, 0, cutoff, batch, statements, 0);
        }).invoke(metrics::sessionsPurged);
    }

    private Uni<Integer> purge(List<String> pools, int index, Instant cutoff, int batch, int statementsLeft,
            int deletedSoFar) {
        if (index >= pools.size() || statementsLeft <= 0) {
            return Uni.createFrom().item(deletedSoFar);
        }
        return sessions.purge(pools.get(index), cutoff, batch).chain(deleted -> purge(pools,
                deleted < batch ? index + 1 : index, cutoff, batch, statementsLeft - 1, deletedSoFar + deleted));
    }
}
