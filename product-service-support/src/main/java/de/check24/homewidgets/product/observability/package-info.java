/**
 * What operators see of a product service beyond its metrics: a span and a slow-query
 * warning for every database call, and the fields every JSON log line carries.
 */
package de.check24.homewidgets.product.observability;
