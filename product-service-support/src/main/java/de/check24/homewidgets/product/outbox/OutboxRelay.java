package de.check24.homewidgets.product.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending outbox messages to Kafka and marks them published.
 * <p>
 * Per-user order holds: messages are keyed by user id and published strictly oldest first
 * by one relay at a time across all instances (a PostgreSQL advisory lock); a pass stops
 * at the first broker failure; and a parked message holds back the later messages of its
 * user until an operator releases it. While Kafka is down the relay backs off
 * exponentially. One thread runs every pass and purge, so they never overlap within an
 * instance.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	/** Any constant the application uses for nothing else. */
	private static final long RELAY_LOCK = 0x6f7574626f78L;

	private static final int PURGE_BATCH = 1000;

	private final OutboxMessages messages;

	private final KafkaTemplate<String, String> kafka;

	private final TransactionTemplate transaction;

	private final OutboxProperties properties;

	private final OutboxMetrics metrics;

	private final OutboxKafkaConfiguration.TopicDeclaration topic;

	private final OutboxTracing tracing;

	private final RelayBackoff backoff;

	private final AtomicBoolean kickQueued = new AtomicBoolean();

	private volatile ScheduledExecutorService executor;

	OutboxRelay(OutboxMessages messages, KafkaTemplate<String, String> kafka, TransactionTemplate transaction,
			OutboxProperties properties, OutboxMetrics metrics, OutboxKafkaConfiguration.TopicDeclaration topic,
			OutboxTracing tracing) {
		this.messages = messages;
		this.kafka = kafka;
		this.transaction = transaction;
		this.properties = properties;
		this.metrics = metrics;
		this.topic = topic;
		this.tracing = tracing;
		this.backoff = new RelayBackoff(properties.interval(), properties.backoffInitial(), properties.backoffMax());
	}

	/** Starts a pass soon, unless one is queued already or the relay is backing off. */
	void kick() {
		ScheduledExecutorService current = this.executor;
		if (current != null && !this.backoff.isBackingOff() && this.kickQueued.compareAndSet(false, true)) {
			submit(current, () -> {
				this.kickQueued.set(false);
				relayPending();
			});
		}
	}

	/**
	 * Relays until nothing is pending or the broker fails.
	 * @return {@code false} when the broker failed
	 */
	boolean relayPending() {
		try {
			int size = this.properties.batchSize();
			Pass pass;
			do {
				pass = this.transaction.execute((status) -> relayBatch(size));
			}
			while (pass != null && !pass.brokerFailed() && pass.handled() == size);
			return pass == null || !pass.brokerFailed();
		}
		catch (RuntimeException ex) {
			logger.warn("Outbox relay pass failed: {}", ex.getMessage());
			return false;
		}
	}

	/**
	 * Publishes one batch, parking what can never be published.
	 * @param size how many messages at most
	 * @return how many were handled (published or parked), and whether the broker failed
	 */
	private Pass relayBatch(int size) {
		if (!this.messages.tryRelayLock(RELAY_LOCK)) {
			// another instance relays; it keeps the order
			return new Pass(0, false);
		}
		List<OutboxMessage> pending = this.messages.lockPending(size);
		Set<String> heldBack = new HashSet<>();
		int handled = 0;
		for (OutboxMessage message : pending) {
			if (heldBack.contains(message.messageKey())) {
				continue;
			}
			SendFailure failure = publish(message);
			if (failure == null) {
				handled++;
			}
			else if (shouldPark(message, failure)) {
				park(message, failure);
				heldBack.add(message.messageKey());
				handled++;
			}
			else {
				this.messages.markFailed(message.id(), OutboxMessage.truncatedError(failure.reason()));
				return new Pass(handled, true);
			}
		}
		return new Pass(handled, false);
	}

	private SendFailure publish(OutboxMessage message) {
		try (OutboxTracing.Relay trace = this.tracing.continueTrace(message.traceParent());
				MDC.MDCCloseable user = MDC.putCloseable("user_id", message.messageKey())) {
			this.kafka.send(message.topic(), message.messageKey(), message.payload())
				.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
			Instant acknowledged = Instant.now();
			this.messages.markPublished(message.id(), acknowledged);
			this.metrics.published(Duration.between(message.createdAt(), acknowledged));
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new SendFailure(SendFailure.Kind.BROKER_UNAVAILABLE, "interrupted");
		}
		catch (Exception ex) {
			SendFailure failure = SendFailure.of(ex);
			if (failure.kind() == SendFailure.Kind.PRODUCER_STALE) {
				// e.g. a broker that came back empty no longer knows the producer id
				this.kafka.getProducerFactory().reset();
			}
			logger.warn("Kafka did not take outbox message {} for {}: {}", message.id(), message.topic(),
					failure.reason());
			return failure;
		}
	}

	private boolean shouldPark(OutboxMessage message, SendFailure failure) {
		return switch (failure.kind()) {
			case MESSAGE_REFUSED -> true;
			case UNEXPECTED -> message.attempts() + 1 >= this.properties.maxAttempts();
			case BROKER_UNAVAILABLE, PRODUCER_STALE -> false;
		};
	}

	private void park(OutboxMessage message, SendFailure failure) {
		logger.error(
				"Parked outbox message {} for {} after {} attempt(s); later messages of the same key wait "
						+ "behind it until it is set back to PENDING: {}",
				message.id(), message.topic(), message.attempts() + 1, failure.reason());
		this.messages.park(message.id(), OutboxMessage.truncatedError(failure.reason()), Instant.now());
		this.metrics.parked();
	}

	/** Deletes published messages past the retention period. */
	void purge() {
		try {
			Instant cutoff = Instant.now().minus(this.properties.retention());
			int deleted;
			int total = 0;
			do {
				deleted = this.messages.purgePublishedBefore(cutoff, PURGE_BATCH);
				total += deleted;
			}
			while (deleted == PURGE_BATCH);
			if (total > 0) {
				logger.info("Purged {} outbox message(s) published before {}", total, cutoff);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Outbox purge failed, retrying in {}: {}", this.properties.purgeInterval(), ex.getMessage());
		}
	}

	private void scheduledPass() {
		boolean failed = !relayPending();
		if (failed) {
			// a broker that lost its data (or a new cluster) has no topic, and brokers do
			// not create topics on first use
			this.topic.declare();
		}
		Duration pause = this.backoff.after(failed);
		ScheduledExecutorService current = this.executor;
		if (current != null) {
			schedule(current, this::scheduledPass, pause);
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "outbox-relay");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = started;
		schedule(started, this::scheduledPass, this.properties.interval());
		long purgeEvery = this.properties.purgeInterval().toMillis();
		started.scheduleWithFixedDelay(this::purge, purgeEvery, purgeEvery, TimeUnit.MILLISECONDS);
	}

	private static void schedule(ScheduledExecutorService executor, Runnable task, Duration delay) {
		try {
			executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
	}

	private static void submit(ScheduledExecutorService executor, Runnable task) {
		schedule(executor, task, Duration.ZERO);
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

	private record Pass(int handled, boolean brokerFailed) {

	}

}
