package de.check24.homewidgets.core.products;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A product service's answer to a contract call, as it came: status, body (a
 * confirmation, a contract list or a problem detail), content type and {@code Location}.
 *
 * @param status the product's status code (never 5xx; those become a 503
 * {@code product-unavailable} problem)
 * @param contentType the body's type; may be {@code null}
 * @param location the created contract's location; may be {@code null}
 * @param body the body bytes, empty when there was none
 */
public record ProductReply(int status, MediaType contentType, URI location, byte[] body) {

	public boolean successful() {
		return HttpStatusCode.valueOf(this.status).is2xxSuccessful();
	}

	/**
	 * The answer to pass on to the client unchanged.
	 * @return the response
	 */
	public ResponseEntity<byte[]> toResponse() {
		HttpHeaders headers = new HttpHeaders();
		if (this.contentType != null) {
			headers.setContentType(this.contentType);
		}
		if (this.location != null) {
			headers.setLocation(this.location);
		}
		HttpStatusCode status = HttpStatusCode.valueOf(this.status);
		if (this.body.length == 0 || status.equals(HttpStatus.NO_CONTENT)) {
			return new ResponseEntity<>(headers, status);
		}
		return new ResponseEntity<>(this.body, headers, status);
	}

}
