/**
 * What every product service shares: the widget and contract API, persistence, the
 * transactional outbox relaying contract events to Kafka, the core cache notification and
 * the error model. A product service adds only its {@link RankingPolicy}, its seed data
 * and its {@link ProductProperties key and topic}.
 */
package de.check24.homewidgets.product;
