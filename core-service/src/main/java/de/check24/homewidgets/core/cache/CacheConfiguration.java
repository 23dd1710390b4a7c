package de.check24.homewidgets.core.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.config.BoundedExecutors;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.products.ProductFanOut;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.util.CollectionUtils;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CacheConfiguration.class);

	/**
	 * A dead Redis must never hold a request: commands fail at once while the connection
	 * is down instead of queueing until they time out, and the client keeps reconnecting
	 * every second or two so caching resumes by itself. In a Redis Cluster the client
	 * also follows the topology ({@code spring.data.redis.lettuce.cluster.refresh.*}),
	 * which these options replace Spring Boot's for, so that after a failover it sends a
	 * lost master's slots to the promoted replica.
	 * @param redisProperties {@code spring.data.redis.*}
	 * @return the customizer
	 */
	@Bean
	LettuceClientConfigurationBuilderCustomizer failFastRedisClient(RedisProperties redisProperties) {
		Duration commandTimeout = (redisProperties.getTimeout() != null) ? redisProperties.getTimeout()
				: Duration.ofMillis(500);
		Duration connectTimeout = (redisProperties.getConnectTimeout() != null) ? redisProperties.getConnectTimeout()
				: Duration.ofMillis(500);
		boolean cluster = redisProperties.getCluster() != null
				&& !CollectionUtils.isEmpty(redisProperties.getCluster().getNodes());
		ClientOptions.Builder options = cluster
				? ClusterClientOptions.builder().topologyRefreshOptions(topologyRefresh(redisProperties))
				: ClientOptions.builder();
		return (builder) -> builder.commandTimeout(commandTimeout)
			.clientOptions(options.autoReconnect(true)
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
				.timeoutOptions(TimeoutOptions.enabled(commandTimeout))
				.build());
	}

	// what Spring Boot would have configured from the same properties
	private static ClusterTopologyRefreshOptions topologyRefresh(RedisProperties redisProperties) {
		RedisProperties.Lettuce.Cluster.Refresh refresh = redisProperties.getLettuce().getCluster().getRefresh();
		ClusterTopologyRefreshOptions.Builder options = ClusterTopologyRefreshOptions.builder()
			.dynamicRefreshSources(refresh.isDynamicRefreshSources());
		if (refresh.getPeriod() != null) {
			options.enablePeriodicRefresh(refresh.getPeriod());
		}
		if (refresh.isAdaptive()) {
			options.enableAllAdaptiveRefreshTriggers();
		}
		return options.build();
	}

	@Bean
	ClientResourcesBuilderCustomizer quickRedisReconnect() {
		return (builder) -> builder
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
	}

	@Bean
	RedisGuard redisGuard(CircuitBreakerRegistry circuitBreakers, MeterRegistry meterRegistry) {
		CircuitBreaker breaker = circuitBreakers.circuitBreaker("redis");
		breaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("Redis circuit breaker {}: {}", event.getStateTransition(),
					(event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) ? "serving without the cache"
							: "trying the cache again"));
		return new RedisGuard(breaker, meterRegistry);
	}

	@Bean
	RedisStatus redisStatus(StringRedisTemplate redis, RedisGuard redisGuard, MeterRegistry meterRegistry) {
		return new RedisStatus(redis, redisGuard, meterRegistry);
	}

	@Bean
	SectionBlobs sectionBlobs(RedisConnectionFactory connectionFactory, RedisGuard redisGuard, ProductCatalog catalog,
			CacheProperties properties, ObjectMapper objectMapper, Clock clock) {
		RedisTemplate<String, byte[]> blobs = new RedisTemplate<>();
		blobs.setConnectionFactory(connectionFactory);
		blobs.setKeySerializer(RedisSerializer.string());
		blobs.setValueSerializer(RedisSerializer.byteArray());
		blobs.afterPropertiesSet();
		return new SectionBlobs(blobs, redisGuard, objectMapper, clock, HomeStore.keyTtl(catalog, properties),
				properties.sectionMemory().toBytes());
	}

	@Bean
	HomeStore homeStore(StringRedisTemplate redis, RedisGuard redisGuard, ProductCatalog catalog,
			CacheProperties properties, SectionBlobs sectionBlobs, ObjectProvider<ObservationRegistry> observations) {
		return new HomeStore(redis, redisGuard, catalog, properties, sectionBlobs,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean(destroyMethod = "close")
	InvalidationMessages invalidationMessages(StringRedisTemplate redis, RedisGuard redisGuard, ProductCatalog catalog,
			ObjectMapper objectMapper, ApplicationEventPublisher events, Clock clock, CacheProperties properties,
			MeterRegistry meterRegistry) {
		return new InvalidationMessages(redis, redisGuard, catalog, objectMapper, events, clock,
				properties.invalidationLogLength(), meterRegistry);
	}

	@Bean
	InvalidationSubscription invalidationSubscription(RedisConnectionFactory connectionFactory,
			InvalidationMessages invalidationMessages) {
		InvalidationSubscription container = new InvalidationSubscription();
		container.setConnectionFactory(connectionFactory);
		container.addMessageListener(invalidationMessages, new ChannelTopic(HomeKeys.CHANNEL));
		container.setRecoveryBackoff(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS));
		return container;
	}

	@Bean
	Invalidations invalidations(HomeStore store, InvalidationMessages messages, ApplicationEventPublisher events,
			Clock clock, MeterRegistry meterRegistry, ObjectProvider<ObservationRegistry> observations) {
		return new Invalidations(store, messages, events, clock, meterRegistry,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean(destroyMethod = "close")
	HomeRefresher homeRefresher(HomeStore store, StringRedisTemplate redis, RedisGuard redisGuard,
			CacheProperties properties, ProductCatalog catalog, ProductFanOut products,
			ApplicationEventPublisher events, Clock clock, MeterRegistry meterRegistry) {
		return new HomeRefresher(store, new RefreshLock(redis, redisGuard, properties.refreshLockTtl()), catalog,
				products, BoundedExecutors.create("home-refresh", properties.refreshThreads(),
						properties.refreshQueueCapacity(), meterRegistry),
				events, clock, meterRegistry);
	}

	@Bean(destroyMethod = "close")
	PersonalHomes personalHomes(HomeStore store, ProductCatalog catalog, ProductFanOut products,
			Invalidations invalidations, CacheProperties properties, Clock clock, MeterRegistry meterRegistry) {
		return new PersonalHomes(store, catalog, products, invalidations,
				BoundedExecutors.create("personal-homes", properties.personalHomeThreads(),
						properties.personalHomeQueueCapacity(), meterRegistry),
				properties.personalHomeAdmission(), clock, meterRegistry);
	}

	@Bean
	HomeSections homeSections(HomeStore store, ProductCatalog catalog, ProductFanOut products, HomeRefresher refresher,
			PersonalHomes personalHomes, Clock clock, MeterRegistry meterRegistry) {
		return new HomeSections(store, catalog, products, refresher, personalHomes, clock, meterRegistry);
	}

	@Bean
	@ConditionalOnProperty(name = "home.cache.keep-generic-home", havingValue = "true", matchIfMissing = true)
	GenericHome genericHome(HomeSections sections) {
		return new GenericHome(sections);
	}

	@Bean
	HomeCacheEndpoint homeCacheEndpoint(Invalidations invalidations, ProductCatalog catalog) {
		return new HomeCacheEndpoint(invalidations, catalog);
	}

}
