package de.check24.homewidgets.core.graphql;

import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.ProblemDetail;

/**
 * A {@link CoreProblem} thrown while a field is fetched becomes a GraphQL error (the
 * answer stays 200, as the GraphQL spec has it) whose classification follows the
 * problem's status and whose {@code type} extension is the problem's type URI. Anything
 * else stays Spring's {@code INTERNAL_ERROR} without internals.
 */
class ProblemErrors extends DataFetcherExceptionResolverAdapter {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment environment) {
		if (!(ex instanceof CoreProblem problem)) {
			return null;
		}
		ProblemDetail detail = problem.getBody();
		return GraphqlErrorBuilder.newError(environment)
			.errorType(classification(detail.getStatus()))
			.message(detail.getDetail())
			.extensions(Map.of("type", String.valueOf(detail.getType())))
			.build();
	}

	private static ErrorType classification(int status) {
		return switch (status) {
			case 400 -> ErrorType.BAD_REQUEST;
			case 401 -> ErrorType.UNAUTHORIZED;
			case 403 -> ErrorType.FORBIDDEN;
			case 404 -> ErrorType.NOT_FOUND;
			default -> ErrorType.INTERNAL_ERROR;
		};
	}

}
