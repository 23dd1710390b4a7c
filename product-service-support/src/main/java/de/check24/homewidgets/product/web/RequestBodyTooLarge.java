package de.check24.homewidgets.product.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that exceeds the limit. An {@link IOException} so
 * it passes unchanged through the JSON parser.
 */
class RequestBodyTooLarge extends IOException {

	RequestBodyTooLarge(long limit) {
		super("The request body exceeds " + limit + " bytes.");
	}

}
