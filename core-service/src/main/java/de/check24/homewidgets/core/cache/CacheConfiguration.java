package de.check24.homewidgets.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

	/**
	 * A dead Redis must never hold a request: commands fail at once while the connection
	 * is down instead of queueing until they time out, and the client keeps reconnecting
	 * every second or two so caching resumes by itself.
	 * @param redisProperties {@code spring.data.redis.*}
	 * @return the customizer
	 */
	@Bean
	LettuceClientConfigurationBuilderCustomizer failFastRedisClient(RedisProperties redisProperties) {
		Duration commandTimeout = (redisProperties.getTimeout() != null) ? redisProperties.getTimeout()
				: Duration.ofMillis(500);
		Duration connectTimeout = (redisProperties.getConnectTimeout() != null) ? redisProperties.getConnectTimeout()
				: Duration.ofMillis(500);
		return (builder) -> builder.commandTimeout(commandTimeout)
			.clientOptions(ClientOptions.builder()
				.autoReconnect(true)
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
				.timeoutOptions(TimeoutOptions.enabled(commandTimeout))
				.build());
	}

	@Bean
	ClientResourcesBuilderCustomizer quickRedisReconnect() {
		return (builder) -> builder
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
	}

	@Bean
	RedisGuard redisGuard(CircuitBreakerRegistry circuitBreakers, MeterRegistry meterRegistry) {
		return new RedisGuard(circuitBreakers.circuitBreaker("redis"), meterRegistry);
	}

	@Bean
	InvalidationMessages invalidationMessages(StringRedisTemplate redis, RedisGuard redisGuard,
			ObjectMapper objectMapper, ApplicationEventPublisher events) {
		return new InvalidationMessages(redis, redisGuard, objectMapper, events);
	}

	@Bean
	InvalidationSubscription invalidationSubscription(RedisConnectionFactory connectionFactory,
			InvalidationMessages invalidationMessages) {
		InvalidationSubscription container = new InvalidationSubscription();
		container.setConnectionFactory(connectionFactory);
		container.addMessageListener(invalidationMessages, new ChannelTopic(InvalidationMessages.CHANNEL));
		container.setRecoveryBackoff(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS));
		return container;
	}

	@Bean
	HomeCache homeCache(StringRedisTemplate redis, RedisGuard redisGuard, InvalidationMessages invalidationMessages,
			CacheProperties properties, ObjectMapper objectMapper, Clock clock, ApplicationEventPublisher events,
			MeterRegistry meterRegistry) {
		return new HomeCache(redis, redisGuard, invalidationMessages, properties, objectMapper, clock, events,
				meterRegistry);
	}

	@Bean
	NearCache nearCache(CacheProperties properties, Clock clock, MeterRegistry meterRegistry) {
		return new NearCache(properties.near(), clock, meterRegistry);
	}

}
