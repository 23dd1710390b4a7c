package de.check24.homewidgets.core.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EventsConfiguration.class);

	/**
	 * A record the listener could not handle is logged and skipped at once, never retried
	 * in place: an invalidation is cheap to lose (the cache's TTL bounds it) and must
	 * never block the partition behind it. Malformed events do not get here; the listener
	 * counts and skips them itself.
	 * @return the error handler Boot's container factory uses
	 */
	@Bean
	CommonErrorHandler skippingErrorHandler() {
		DefaultErrorHandler handler = new DefaultErrorHandler(
				(ConsumerRecord<?, ?> record, Exception ex) -> logger.warn("Skipped contract event at {}-{}@{}: {}",
						record.topic(), record.partition(), record.offset(), ex.toString()),
				new FixedBackOff(0, 0));
		handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
		return handler;
	}

}
