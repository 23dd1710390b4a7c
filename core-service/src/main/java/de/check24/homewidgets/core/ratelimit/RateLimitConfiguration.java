package de.check24.homewidgets.core.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;

import de.check24.homewidgets.core.security.BearerViewers;
import de.check24.homewidgets.core.web.ProblemWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "home.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

	// Bucket4j on the cache's own shared Lettuce connection (single node or cluster), so
	// its timeouts and reconnects are the cache's; made on first use, so the core starts
	// without Redis (and the filter, created with the web server, does not create the
	// connection factory before the configuration is complete)
	@Bean
	RateLimits rateLimits(ObjectProvider<LettuceConnectionFactory> connectionFactory,
			CircuitBreakerRegistry circuitBreakers, RateLimitProperties properties, MeterRegistry meterRegistry) {
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));
		Supplier<AsyncProxyManager<String>> shared = () -> {
			Object commands = connectionFactory.getObject().getConnection().getNativeConnection();
			Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]> builder = (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster)
					? Bucket4jLettuce.casBasedBuilder(clusterCommands(cluster))
					: Bucket4jLettuce.casBasedBuilder(standaloneCommands(commands));
			return builder.expirationAfterWrite(expiry)
				.requestTimeout(Duration.ofMillis(500))
				.build()
				.withMapper((String key) -> key.getBytes(StandardCharsets.UTF_8))
				.asAsync();
		};
		return new RateLimits(shared, circuitBreakers.circuitBreaker("redis"), properties, meterRegistry);
	}

	@SuppressWarnings("unchecked")
	private static RedisAdvancedClusterAsyncCommands<byte[], byte[]> clusterCommands(Object commands) {
		return (RedisAdvancedClusterAsyncCommands<byte[], byte[]>) commands;
	}

	@SuppressWarnings("unchecked")
	private static RedisAsyncCommands<byte[], byte[]> standaloneCommands(Object commands) {
		return (RedisAsyncCommands<byte[], byte[]>) commands;
	}

	/**
	 * Ahead of every other filter, the in-memory {@code /home} fast path included.
	 * @param limits the buckets
	 * @param viewers who sent a request, by the same token check as everywhere else
	 * @param problems writes the 429
	 * @param properties which paths are exempt
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimits limits, BearerViewers viewers,
			ProblemWriter problems, RateLimitProperties properties) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limits, viewers, problems, properties.exempt()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
