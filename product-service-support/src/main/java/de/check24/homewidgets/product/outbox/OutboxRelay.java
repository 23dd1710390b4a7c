package de.check24.homewidgets.product.outbox;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending outbox messages to Kafka, oldest first, and marks them published. On
 * the first failure a pass stops, so per-user order holds, and the next pass tries again.
 * One thread runs every pass, so passes never overlap within an instance.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final OutboxMessages messages;

	private final KafkaTemplate<String, String> kafka;

	private final TransactionTemplate transaction;

	private final OutboxProperties properties;

	private final AtomicBoolean kickQueued = new AtomicBoolean();

	private volatile ScheduledExecutorService executor;

	OutboxRelay(OutboxMessages messages, KafkaTemplate<String, String> kafka, TransactionTemplate transaction,
			OutboxProperties properties) {
		this.messages = messages;
		this.kafka = kafka;
		this.transaction = transaction;
		this.properties = properties;
	}

	/** Starts a pass soon, unless one is queued already. */
	void kick() {
		ScheduledExecutorService current = this.executor;
		if (current != null && this.kickQueued.compareAndSet(false, true)) {
			current.execute(() -> {
				this.kickQueued.set(false);
				relayPending();
			});
		}
	}

	/** Relays until nothing is pending or the broker refuses. */
	void relayPending() {
		try {
			int size = this.properties.batchSize();
			Integer relayed;
			do {
				relayed = this.transaction.execute((status) -> relayBatch(size));
			}
			while (relayed != null && relayed == size);
		}
		catch (RuntimeException ex) {
			logger.warn("Outbox relay pass failed, retrying in {}: {}", this.properties.interval(), ex.getMessage());
		}
	}

	/**
	 * Publishes one batch.
	 * @param size how many messages at most
	 * @return how many messages were published, or -1 after a failed send
	 */
	private int relayBatch(int size) {
		List<OutboxMessage> pending = this.messages.lockPending(size);
		int published = 0;
		for (OutboxMessage message : pending) {
			if (!publish(message)) {
				return -1;
			}
			published++;
		}
		return published;
	}

	private boolean publish(OutboxMessage message) {
		try {
			this.kafka.send(message.topic(), message.messageKey(), message.payload())
				.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
			this.messages.markPublished(message.id(), Instant.now());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.messages.markFailed(message.id(), "interrupted");
			return false;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			String reason = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause().toString()
					: ex.toString();
			logger.warn("Kafka did not take outbox message {} for {}; will retry: {}", message.id(), message.topic(),
					reason);
			this.messages.markFailed(message.id(), OutboxMessage.truncatedError(reason));
			return false;
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "outbox-relay");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.interval().toMillis();
		started.scheduleWithFixedDelay(this::relayPending, interval, interval, TimeUnit.MILLISECONDS);
		this.executor = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.executor;
		this.executor = null;
		if (running == null) {
			return;
		}
		running.shutdown();
		try {
			if (!running.awaitTermination(this.properties.sendTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
				running.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
