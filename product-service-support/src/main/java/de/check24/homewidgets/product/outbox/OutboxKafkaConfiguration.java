package de.check24.homewidgets.product.outbox;

import de.check24.homewidgets.product.ProductProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.kafka.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The product's topic and producer. Spring's {@link KafkaAdmin} creates the topic at
 * start; the relay declares it again after a failed pass, so a broker that comes back
 * without its data gets the topic back without a restart of the product.
 */
@Configuration(proxyBeanMethods = false)
class OutboxKafkaConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OutboxKafkaConfiguration.class);

	@Bean
	NewTopic contractEventsTopic(ProductProperties product, TopicProperties topic) {
		return TopicBuilder.name(product.topic())
			.partitions(topic.partitions())
			.replicas(topic.replicationFactor())
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(topic.minInsyncReplicas()))
			.build();
	}

	@Bean
	TopicDeclaration topicDeclaration(KafkaAdmin admin, NewTopic contractEventsTopic) {
		return () -> {
			try {
				admin.createOrModifyTopics(contractEventsTopic);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not declare topic {}: {}", contractEventsTopic.name(), ex.getMessage());
			}
		};
	}

	/**
	 * A stale producer is replaced on the relay's thread; closing it must not hold the
	 * relay for the default 30 s.
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer boundedProducerClose(OutboxProperties outbox) {
		return (factory) -> factory.setPhysicalCloseTimeout((int) Math.max(1, outbox.sendTimeout().toSeconds()));
	}

	/** Makes sure the product's topic exists; never throws. */
	@FunctionalInterface
	interface TopicDeclaration {

		void declare();

	}

}
