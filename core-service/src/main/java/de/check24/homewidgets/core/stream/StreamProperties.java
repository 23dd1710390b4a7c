package de.check24.homewidgets.core.stream;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code GET /stream/updates}.
 *
 * @param heartbeat how often every subscriber gets a comment line
 * ({@code HOME_STREAM_HEARTBEAT}); keeps proxies from closing idle streams and finds
 * clients that went away
 * @param timeout how long one stream stays open before the core ends it (the browser's
 * {@code EventSource} reconnects by itself)
 * @param senderThreads threads that write to subscribers, off the thread that published
 * the invalidation
 * @param maxQueuedPerSubscriber events waiting for one subscriber; a subscriber that
 * falls further behind is disconnected (it reconnects and refetches)
 * @param maxPerUser streams one user may hold open on one replica
 * ({@code HOME_STREAM_MAX_PER_USER})
 * @param maxPerReplica streams one replica holds open at most
 * ({@code HOME_STREAM_MAX_PER_REPLICA})
 * @param ticketLifetime how long a stream ticket may wait to be redeemed
 */
@Validated
@ConfigurationProperties("home.stream")
record StreamProperties(@NotNull Duration heartbeat, @NotNull Duration timeout, @Min(1) int senderThreads,
		@Min(1) int maxQueuedPerSubscriber, @Min(1) int maxPerUser, @Min(1) int maxPerReplica,
		@NotNull Duration ticketLifetime) {

}
