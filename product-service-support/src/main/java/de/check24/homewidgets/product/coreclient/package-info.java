/**
 * Tells the core service to drop its cached home pages after a contract change. Best
 * effort: the Kafka event is the reliable path, so a core outage never fails a purchase.
 */
package de.check24.homewidgets.product.coreclient;
