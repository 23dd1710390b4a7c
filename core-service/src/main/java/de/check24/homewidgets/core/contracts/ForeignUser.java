package de.check24.homewidgets.core.contracts;

import de.check24.homewidgets.core.config.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A token tried to read, buy or cancel another user's contracts. */
class ForeignUser extends ErrorResponseException {

	private ForeignUser(ProblemDetail problem) {
		super(HttpStatus.FORBIDDEN, problem, null);
	}

	static ForeignUser of(long userId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"A token may only read, buy or cancel its own user's contracts, not user " + userId + "'s");
		problem.setType(ProblemTypes.of("forbidden"));
		problem.setTitle("Forbidden");
		return new ForeignUser(problem);
	}

}
