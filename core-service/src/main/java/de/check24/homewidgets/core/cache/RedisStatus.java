package de.check24.homewidgets.core.cache;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.connection.RedisConnectionCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Redis as the core sees it, for health checks and the operators' dashboards: whether it
 * answers ({@code home.redis.up}), its memory ({@code home.redis.used.memory},
 * {@code home.redis.maxmemory}) and evictions ({@code home.redis.evicted.keys}), read
 * from {@code INFO} every few seconds.
 */
public class RedisStatus {

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	private final AtomicLong up = new AtomicLong();

	private final AtomicLong usedMemory = new AtomicLong();

	private final AtomicLong maxMemory = new AtomicLong();

	private final AtomicLong evictedKeys = new AtomicLong();

	RedisStatus(StringRedisTemplate redis, RedisGuard guard, MeterRegistry meterRegistry) {
		this.redis = redis;
		this.guard = guard;
		Gauge.builder("home.redis.up", this.up, AtomicLong::get)
			.description("1 while Redis answers the core, else 0")
			.register(meterRegistry);
		Gauge.builder("home.redis.used.memory", this.usedMemory, AtomicLong::get)
			.baseUnit("bytes")
			.description("Memory Redis uses (INFO used_memory)")
			.register(meterRegistry);
		Gauge.builder("home.redis.maxmemory", this.maxMemory, AtomicLong::get)
			.baseUnit("bytes")
			.description("Redis memory limit (INFO maxmemory), 0 when unlimited")
			.register(meterRegistry);
		FunctionCounter.builder("home.redis.evicted.keys", this.evictedKeys, AtomicLong::get)
			.description("Keys Redis evicted under memory pressure (INFO evicted_keys)")
			.register(meterRegistry);
	}

	/**
	 * Whether Redis answers a ping right now.
	 * @return {@code false} when it does not or its breaker is open
	 */
	public boolean available() {
		RedisCallback<String> ping = RedisConnectionCommands::ping;
		return this.guard.call("ping", () -> "PONG".equals(this.redis.execute(ping)), false);
	}

	@Scheduled(fixedDelayString = "${home.cache.redis-status-interval:5s}")
	void poll() {
		Properties info = this.guard.call("info", () -> this.redis.execute((RedisCallback<Properties>) (connection) -> {
			Properties all = new Properties();
			all.putAll(connection.serverCommands().info("memory"));
			all.putAll(connection.serverCommands().info("stats"));
			return all;
		}), null);
		if (info == null) {
			this.up.set(0);
			return;
		}
		this.up.set(1);
		this.usedMemory.set(sum(info, "used_memory"));
		this.maxMemory.set(sum(info, "maxmemory"));
		this.evictedKeys.set(sum(info, "evicted_keys"));
	}

	// a cluster connection reports each node's value under "<node>.<name>"
	private static long sum(Properties info, String name) {
		long total = 0;
		for (String key : info.stringPropertyNames()) {
			if (key.equals(name) || key.endsWith("." + name)) {
				try {
					total += Long.parseLong(info.getProperty(key).trim());
				}
				catch (NumberFormatException ex) {
					// not a number on this node
				}
			}
		}
		return total;
	}

}
