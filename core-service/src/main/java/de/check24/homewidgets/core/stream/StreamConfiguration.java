package de.check24.homewidgets.core.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import de.check24.homewidgets.core.config.BoundedExecutors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class StreamConfiguration {

	// each subscriber has at most one drain task queued at a time, so a queue as long as
	// the replica's stream limit never rejects
	@Bean(destroyMethod = "close")
	UpdateStreams updateStreams(StreamProperties properties, ObjectMapper objectMapper, MeterRegistry meterRegistry,
			ObjectProvider<ObservationRegistry> observations) {
		return new UpdateStreams(properties,
				BoundedExecutors.create("stream-senders", properties.senderThreads(), properties.maxPerReplica(),
						meterRegistry),
				objectMapper, meterRegistry, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	StreamTickets streamTickets(StringRedisTemplate redis, StreamProperties properties) {
		return new StreamTickets(redis, properties.ticketLifetime());
	}

}
