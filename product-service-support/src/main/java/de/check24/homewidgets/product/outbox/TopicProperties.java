package de.check24.homewidgets.product.outbox;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this product's topic is declared. Brokers do not create topics on first use, so the
 * product declares its own.
 *
 * @param partitions partitions ({@code KAFKA_TOPIC_PARTITIONS}); messages are keyed by
 * user, so one user's events stay in one partition
 * @param replicationFactor copies of each partition
 * ({@code KAFKA_TOPIC_REPLICATION_FACTOR}, 3 in a cluster)
 * @param minInsyncReplicas copies that must have a message before {@code acks=all}
 * acknowledges it ({@code KAFKA_TOPIC_MIN_INSYNC_REPLICAS}, 2 in a cluster)
 */
@Validated
@ConfigurationProperties("product.kafka.topic")
record TopicProperties(@Positive int partitions, @Positive short replicationFactor, @Positive int minInsyncReplicas) {

}
