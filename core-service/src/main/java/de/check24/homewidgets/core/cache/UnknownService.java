package de.check24.homewidgets.core.cache;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import de.check24.homewidgets.core.config.ProblemTypes;

/** An invalidation named a service the core does not know. */
class UnknownService extends ErrorResponseException {

	private UnknownService(ProblemDetail problem) {
		super(HttpStatus.BAD_REQUEST, problem, null);
	}

	static UnknownService named(String service) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Unknown service '" + service + "'; use a service key such as car-insurance");
		problem.setType(ProblemTypes.of("unknown-service"));
		problem.setTitle("Unknown service");
		return new UnknownService(problem);
	}

}
