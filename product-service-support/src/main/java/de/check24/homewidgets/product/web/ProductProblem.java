package de.check24.homewidgets.product.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure a client caused or can act on, answered as an RFC 9457 problem. Subclasses
 * offer static factories so call sites stay short.
 */
public abstract class ProductProblem extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	private final Map<String, Object> properties;

	/**
	 * Creates a problem.
	 * @param status the response status
	 * @param type the last segment of the stable type URI, e.g. {@code widget-not-found}
	 * @param title a short, human-readable summary of the kind of problem
	 * @param detail what happened in this occurrence
	 * @param properties extension members (snake_case keys), may be empty
	 */
	protected ProductProblem(HttpStatus status, String type, String title, String detail,
			Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
		this.properties = Map.copyOf(properties);
	}

	HttpStatus status() {
		return this.status;
	}

	URI type() {
		return ProblemTypes.of(this.type);
	}

	String title() {
		return this.title;
	}

	Map<String, Object> properties() {
		return this.properties;
	}

}
