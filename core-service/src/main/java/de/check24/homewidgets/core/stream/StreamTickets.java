package de.check24.homewidgets.core.stream;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Short-lived, single-use tickets that open a user's update stream, so that no token ever
 * travels in a URL (where access logs and browser histories keep it): a client with a
 * bearer token asks for a ticket and opens the stream with it. Tickets live in Redis so
 * that any replica can redeem them; while Redis is down they live in this replica's
 * memory, and then only this replica can redeem them.
 */
class StreamTickets {

	private static final String PREFIX = "sdui:stream_ticket:";

	private static final Logger logger = LoggerFactory.getLogger(StreamTickets.class);

	private final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final Duration lifetime;

	private final Cache<String, Long> local;

	StreamTickets(StringRedisTemplate redis, Duration lifetime) {
		this.redis = redis;
		this.lifetime = lifetime;
		this.local = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(lifetime).build();
	}

	/**
	 * Issues a ticket for a signed-in user.
	 * @param viewer the user
	 * @return the opaque ticket
	 */
	String issue(Viewer viewer) {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		try {
			this.redis.opsForValue().set(PREFIX + ticket, String.valueOf(viewer.userId()), this.lifetime);
		}
		catch (RuntimeException ex) {
			logger.warn("Redis unavailable, stream ticket valid on this replica only: {}", ex.toString());
			this.local.put(ticket, viewer.userId());
		}
		return ticket;
	}

	/**
	 * Redeems a ticket, once.
	 * @param ticket what the client sent
	 * @return the user it was issued to, empty when it is unknown, used or expired
	 */
	Optional<Viewer> redeem(String ticket) {
		Long local = this.local.asMap().remove(ticket);
		if (local != null) {
			return Optional.of(Viewer.user(local));
		}
		try {
			String userId = this.redis.opsForValue().getAndDelete(PREFIX + ticket);
			return Optional.ofNullable(userId).map((id) -> Viewer.user(Long.parseLong(id)));
		}
		catch (RuntimeException ex) {
			logger.warn("Redis unavailable, stream ticket not redeemed: {}", ex.toString());
			return Optional.empty();
		}
	}

	Duration lifetime() {
		return this.lifetime;
	}

}
