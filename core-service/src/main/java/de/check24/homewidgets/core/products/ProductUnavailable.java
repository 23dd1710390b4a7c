package de.check24.homewidgets.core.products;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import de.check24.homewidgets.core.config.ProblemTypes;

/**
 * A contract call could not reach its product service: the breaker is open, the service
 * did not answer in time or answered with a server error.
 */
public class ProductUnavailable extends ErrorResponseException {

	private ProductUnavailable(ProblemDetail problem, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
		getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
	}

	static ProductUnavailable of(Product product, Throwable cause) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The " + product.key() + " service is temporarily unavailable; nothing was changed that we know of."
						+ " Please try again shortly.");
		problem.setType(ProblemTypes.of("product-unavailable"));
		problem.setTitle("Service Temporarily Unavailable");
		problem.setProperty("service", product.key());
		return new ProductUnavailable(problem, cause);
	}

}
