package io.userpools.trigger;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A body codec that buffers at most {@code max} bytes and fails the response beyond that, so that
 * a webhook can never make the service hold an unbounded answer in memory.
 */
final class CappedBodyCodec implements BodyCodec<Buffer> {

    /** The failure when the answer is larger than the cap. */
    static final class TooLarge extends RuntimeException {
        TooLarge(int max) {
            super("answer larger than " + max + " bytes", null, false, false);
        }
    }

    private final int max;

    CappedBodyCodec(int max) {
        this.max = max;
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<Buffer>>> handler) {
        handler.handle(Future.succeededFuture(new Stream(max)));
    }

    private static final class Stream implements BodyStream<Buffer> {
        private final int max;
        private final Buffer buffer = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();

        Stream(int max) {
            this.max = max;
        }

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (buffer.length() + data.length() > max) {
                TooLarge tooLarge = new TooLarge(max);
                result.tryFail(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            buffer.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                handler.handle(written);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            result.tryComplete(buffer);
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int size) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
