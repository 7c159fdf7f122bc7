package io.userpools.common.error;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/** Recognises a database that cannot be reached, as opposed to a bug. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && message.contains("Timeout")) {
                return true;
            }
            if (message.contains("Connection refused") || message.contains("Failed to read any response from the server")) {
                return true;
            }
        }
        return false;
    }

    public static ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException("The service cannot reach its database; retry shortly.", 2);
    }
}
