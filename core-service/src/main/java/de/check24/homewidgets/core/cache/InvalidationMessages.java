package de.check24.homewidgets.core.cache;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Carries invalidations between core replicas over Redis pub/sub, so that every replica's
 * memory and update streams hear what another replica invalidated. A replica ignores its
 * own messages; it has already published the event locally. When it (re)subscribes,
 * messages published meanwhile are lost, so it announces {@link InvalidationsMissed}.
 */
class InvalidationMessages implements MessageListener, SubscriptionListener {

	private static final Logger logger = LoggerFactory.getLogger(InvalidationMessages.class);

	private final String origin = UUID.randomUUID().toString();

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	private final ProductCatalog catalog;

	private final ObjectMapper objectMapper;

	private final ApplicationEventPublisher events;

	private final Counter relayed;

	InvalidationMessages(StringRedisTemplate redis, RedisGuard guard, ProductCatalog catalog, ObjectMapper objectMapper,
			ApplicationEventPublisher events, MeterRegistry meterRegistry) {
		this.redis = redis;
		this.guard = guard;
		this.catalog = catalog;
		this.objectMapper = objectMapper;
		this.events = events;
		this.relayed = Counter.builder("home.cache.invalidations")
			.tags("source", "relay", "scope", "any", "service", "any")
			.description("Invalidations heard from other replicas")
			.register(meterRegistry);
	}

	/**
	 * Tells the other replicas.
	 * @param event what was invalidated
	 * @return whether the message went out
	 */
	boolean publish(HomeInvalidated event) {
		String payload;
		try {
			payload = this.objectMapper.writeValueAsString(WireMessage.of(this.origin, event));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return this.guard.call("publish", () -> {
			this.redis.convertAndSend(HomeKeys.CHANNEL, payload);
			return true;
		}, false);
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		try {
			WireMessage wire = this.objectMapper.readValue(message.getBody(), WireMessage.class);
			if (!this.origin.equals(wire.origin())) {
				this.relayed.increment();
				Viewer viewer = wire.everyone() ? null : new Viewer(wire.userId());
				this.events.publishEvent(new HomeInvalidated(viewer, this.catalog.find(wire.service()).orElse(null),
						wire.reason(), wire.timestamp()));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Ignored unreadable invalidation message: {}", ex.toString());
		}
	}

	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		this.events.publishEvent(new InvalidationsMissed());
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record WireMessage(String origin, boolean everyone, Long userId, String service, String reason, Instant timestamp) {

		static WireMessage of(String origin, HomeInvalidated event) {
			return new WireMessage(origin, event.viewer() == null,
					(event.viewer() != null) ? event.viewer().userId() : null,
					(event.service() != null) ? event.service().section() : null, event.reason(), event.timestamp());
		}

	}

}
