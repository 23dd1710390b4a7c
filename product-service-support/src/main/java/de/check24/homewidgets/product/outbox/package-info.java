/**
 * The transactional outbox: contract events are stored with the contract change and
 * relayed to the product's Kafka topic until the broker takes them, so a Kafka outage
 * delays events but never loses them or fails a purchase. Published rows are purged after
 * a retention period; a message Kafka refuses for good is parked and counted; per-user
 * order holds (see {@link de.check24.homewidgets.product.outbox.OutboxRelay}).
 */
package de.check24.homewidgets.product.outbox;
