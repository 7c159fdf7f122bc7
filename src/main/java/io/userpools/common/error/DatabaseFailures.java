package io.userpools.common.error;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/**
 * Recognises a database that cannot be reached, as opposed to a bug: anywhere in the cause chain
 * (Hibernate Reactive and Mutiny wrap what the pg client raises), a refused, reset, closed or
 * timed-out connection, a pool that had no connection to give within its timeout, or PostgreSQL
 * saying that it is starting, stopping or unreachable (SQLSTATE class 08 and 57P).
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (isConnectionLoss(t)) {
                return true;
            }
            if (t instanceof PgException pg && unavailableState(pg.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && (t instanceof SQLTransientConnectionException
                    || unavailableState(sql.getSQLState()))) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Connection refused") || message.contains("Failed to read any response from the server")
                    || message.contains("Timeout waiting for connection") || message.contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionLoss(Throwable t) {
        return t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException || t instanceof ClosedChannelException
                || (t instanceof SocketException && !(t.getClass().getName().contains("Bind")))
                || t instanceof io.vertx.sqlclient.ClosedConnectionException
                || t instanceof io.netty.channel.ConnectTimeoutException
                || t instanceof TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException
                || (t instanceof io.vertx.core.impl.NoStackTraceThrowable && String.valueOf(t.getMessage()).contains("Timeout"))
                || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException");
    }

    private static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }

    public static ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException("The service cannot reach its database; retry shortly.", 2);
    }
}
