/**
 * The transactional outbox: contract events are stored with the contract change and
 * relayed to the product's Kafka topic until the broker takes them, so a Kafka outage
 * delays events but never loses them or fails a purchase.
 */
package de.check24.homewidgets.product.outbox;
