/**
 * Real PostgreSQL, Redis and Kafka servers from Maven artifacts, single or as clusters (a
 * six-node Redis Cluster, three Kafka brokers), each stoppable and startable again on its
 * port. The tests and the local platform use the same servers, so running locally is
 * running the tests' infrastructure.
 */
package de.check24.homewidgets.infrastructure;
