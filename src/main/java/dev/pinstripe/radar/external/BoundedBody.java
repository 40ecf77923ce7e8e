package dev.pinstripe.radar.external;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to {@code bytesMax}; a longer one is abandoned (the exchange
 * is cancelled) and fails with {@link TooLarge}. The JDK's own handlers have no bound before Java 25.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body was longer than allowed. */
    static final class TooLarge extends IOException {
        TooLarge(int bytesMax) {
            super("response body over " + bytesMax + " bytes");
        }
    }

    private final int bytesMax;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    BoundedBody(int bytesMax) {
        this.bytesMax = bytesMax;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            if (b.remaining() > bytesMax - bytes.size()) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge(bytesMax));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
