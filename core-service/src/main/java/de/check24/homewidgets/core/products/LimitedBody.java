package de.check24.homewidgets.core.products;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a product's answer into memory up to a limit: a product that answers with
 * megabytes (by mistake or otherwise) fails its call instead of filling the core's heap.
 */
final class LimitedBody implements HttpResponse.BodyHandler<byte[]> {

	private final long maxBytes;

	LimitedBody(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
		return new Limited(HttpResponse.BodySubscribers.ofByteArray(), this.maxBytes);
	}

	private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {

		private final HttpResponse.BodySubscriber<byte[]> delegate;

		private final long maxBytes;

		private long received;

		private Flow.Subscription subscription;

		private boolean failed;

		Limited(HttpResponse.BodySubscriber<byte[]> delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.delegate.getBody();
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			this.delegate.onSubscribe(subscription);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.failed) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				this.received += buffer.remaining();
			}
			if (this.received > this.maxBytes) {
				this.failed = true;
				this.subscription.cancel();
				this.delegate.onError(new IOException("Answer larger than " + this.maxBytes + " bytes"));
				return;
			}
			this.delegate.onNext(buffers);
		}

		@Override
		public void onError(Throwable throwable) {
			if (!this.failed) {
				this.delegate.onError(throwable);
			}
		}

		@Override
		public void onComplete() {
			if (!this.failed) {
				this.delegate.onComplete();
			}
		}

	}

}
