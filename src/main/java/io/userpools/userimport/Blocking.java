package io.userpools.userimport;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Awaits a reactive call from an import thread or a blocking route: Hibernate Reactive (the
 * pools) must run on a Vert.x context, which {@link VertxContextSupport} gives it while this
 * thread waits. Never called on an event loop.
 */
final class Blocking {

    private Blocking() {
    }

    static <T> T await(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
