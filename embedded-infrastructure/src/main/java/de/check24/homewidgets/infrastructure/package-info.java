/**
 * Real PostgreSQL, Redis and Kafka servers started in-process. The tests and the local
 * platform use the same servers, so running locally is running the tests' infrastructure.
 */
package de.check24.homewidgets.infrastructure;
