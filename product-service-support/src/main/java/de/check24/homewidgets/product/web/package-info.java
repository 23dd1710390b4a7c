/**
 * The HTTP edge every product service shares: RFC 9457 problem responses with stable type
 * URIs, the service key check and the request body limit.
 */
package de.check24.homewidgets.product.web;
