package de.check24.homewidgets.core.cache;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.security.Viewer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Carries invalidations between core replicas over Redis pub/sub, so that every replica's
 * near cache forgets what another replica invalidated. A replica ignores its own
 * messages; it has already published the event locally.
 */
class InvalidationMessages implements MessageListener {

	static final String CHANNEL = HomeCache.PREFIX + "invalidations";

	private static final Logger logger = LoggerFactory.getLogger(InvalidationMessages.class);

	private final String origin = UUID.randomUUID().toString();

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	private final ObjectMapper objectMapper;

	private final ApplicationEventPublisher events;

	InvalidationMessages(StringRedisTemplate redis, RedisGuard guard, ObjectMapper objectMapper,
			ApplicationEventPublisher events) {
		this.redis = redis;
		this.guard = guard;
		this.objectMapper = objectMapper;
		this.events = events;
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
			this.redis.convertAndSend(CHANNEL, payload);
			return true;
		}, false);
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		try {
			WireMessage wire = this.objectMapper.readValue(message.getBody(), WireMessage.class);
			if (!this.origin.equals(wire.origin())) {
				this.events.publishEvent(wire.toEvent());
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Ignored unreadable invalidation message: {}", ex.toString());
		}
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record WireMessage(String origin, boolean everyone, Long userId, String service, String reason, Instant timestamp) {

		static WireMessage of(String origin, HomeInvalidated event) {
			return new WireMessage(origin, event.viewer() == null,
					(event.viewer() != null) ? event.viewer().userId() : null,
					(event.service() != null) ? event.service().section() : null, event.reason(), event.timestamp());
		}

		HomeInvalidated toEvent() {
			Viewer viewer = this.everyone ? null : new Viewer(this.userId);
			return new HomeInvalidated(viewer, Product.find(this.service).orElse(null), this.reason, this.timestamp);
		}

	}

}
