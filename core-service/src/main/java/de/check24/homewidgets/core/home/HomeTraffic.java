package de.check24.homewidgets.core.home;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * One INFO line a minute summing up {@code GET /home}: a line per answer served from
 * memory would cost the hit path measurable throughput, so those are counted and reported
 * here, while every page assembled from Redis or the products gets a line of its own.
 */
class HomeTraffic {

	private static final Logger logger = LoggerFactory.getLogger(HomeTraffic.class);

	private final Counter fromMemory;

	private final Counter redisHits;

	private final Counter redisMisses;

	private double lastFromMemory;

	private double lastRedisHits;

	private double lastRedisMisses;

	HomeTraffic(MeterRegistry meterRegistry) {
		this.fromMemory = meterRegistry.counter("home.cache.lookups", "tier", "near", "result", "hit");
		this.redisHits = meterRegistry.counter("home.cache.lookups", "tier", "redis", "result", "hit");
		this.redisMisses = meterRegistry.counter("home.cache.lookups", "tier", "redis", "result", "miss");
	}

	@Scheduled(fixedDelayString = "${home.page.traffic-log-interval:60s}",
			initialDelayString = "${home.page.traffic-log-interval:60s}")
	void report() {
		double fromMemory = this.fromMemory.count();
		double redisHits = this.redisHits.count();
		double redisMisses = this.redisMisses.count();
		long memory = Math.round(fromMemory - this.lastFromMemory);
		long hits = Math.round(redisHits - this.lastRedisHits);
		long misses = Math.round(redisMisses - this.lastRedisMisses);
		this.lastFromMemory = fromMemory;
		this.lastRedisHits = redisHits;
		this.lastRedisMisses = redisMisses;
		if (memory + hits + misses > 0) {
			logger.atInfo()
				.addKeyValue("cache_hit", true)
				.addKeyValue("served_from_memory", memory)
				.addKeyValue("redis_section_hits", hits)
				.addKeyValue("redis_section_misses", misses)
				.log("GET /home since the last report: {} pages from memory, {} sections from Redis, {} fetched",
						memory, hits, misses);
		}
	}

}
