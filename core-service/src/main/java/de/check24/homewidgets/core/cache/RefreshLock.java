package de.check24.homewidgets.core.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** One background refresh per home across all replicas, held in Redis. */
class RefreshLock {

	private static final RedisScript<Long> UNLOCK = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	private final Duration ttl;

	RefreshLock(StringRedisTemplate redis, RedisGuard guard, Duration ttl) {
		this.redis = redis;
		this.guard = guard;
		this.ttl = ttl;
	}

	/**
	 * Takes a home's refresh lock.
	 * @param viewer whose home
	 * @return the token to release it with, empty when someone else holds it or Redis is
	 * unavailable
	 */
	Optional<String> acquire(Viewer viewer) {
		String token = UUID.randomUUID().toString();
		Boolean locked = this.guard.call("lock",
				() -> this.redis.opsForValue().setIfAbsent(HomeKeys.lock(viewer), token, this.ttl), false);
		return Boolean.TRUE.equals(locked) ? Optional.of(token) : Optional.empty();
	}

	void release(Viewer viewer, String token) {
		this.guard.call("unlock", () -> this.redis.execute(UNLOCK, List.of(HomeKeys.lock(viewer)), token), 0L);
	}

}
