package de.check24.homewidgets.core.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.cache.CacheUnavailable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EventsConfiguration.class);

	/**
	 * An event whose invalidation could not reach Redis is redelivered, with backoff up
	 * to a few seconds, until Redis takes it: its offset is not committed meanwhile, so
	 * neither a restart nor a rebalance loses it. Anything else the listener could not
	 * handle is logged and skipped at once, never retried in place, so it cannot block
	 * the partition. Malformed events do not get here; the listener counts and skips them
	 * itself.
	 * @return the error handler Boot's container factory uses
	 */
	@Bean
	CommonErrorHandler contractEventErrors() {
		ExponentialBackOff untilRedisIsBack = new ExponentialBackOff(200, 2);
		untilRedisIsBack.setMaxInterval(5000);
		DefaultErrorHandler handler = new DefaultErrorHandler(
				(ConsumerRecord<?, ?> record, Exception ex) -> logger.warn("Skipped contract event at {}-{}@{}: {}",
						record.topic(), record.partition(), record.offset(), ex.toString()),
				untilRedisIsBack);
		handler.defaultFalse();
		handler.addRetryableExceptions(CacheUnavailable.class);
		handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
		return handler;
	}

}
