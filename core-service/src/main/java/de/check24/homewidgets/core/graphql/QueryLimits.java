package de.check24.homewidgets.core.graphql;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.Selection;

/**
 * graphql-java's depth and complexity limits, for every operation except those that only
 * introspect the schema: clients' standard introspection query is deeper and larger than
 * any home query, and graphql-java's good-faith introspection check bounds it already
 * (one {@code __schema}, at most 500 fields, 20 deep). Either limit aborts an operation
 * before any field is fetched.
 */
final class QueryLimits {

	private QueryLimits() {
	}

	static Instrumentation maxDepth(int maxDepth) {
		return new MaxQueryDepthInstrumentation(maxDepth) {

			@Override
			public InstrumentationContext<ExecutionResult> beginExecuteOperation(
					InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
				return introspectionOnly(parameters) ? SimpleInstrumentationContext.noOp()
						: super.beginExecuteOperation(parameters, state);
			}

		};
	}

	static Instrumentation maxComplexity(int maxComplexity) {
		return new MaxQueryComplexityInstrumentation(maxComplexity) {

			@Override
			public InstrumentationContext<ExecutionResult> beginExecuteOperation(
					InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
				return introspectionOnly(parameters) ? SimpleInstrumentationContext.noOp()
						: super.beginExecuteOperation(parameters, state);
			}

		};
	}

	private static boolean introspectionOnly(InstrumentationExecuteOperationParameters parameters) {
		for (Selection<?> selection : parameters.getExecutionContext()
			.getOperationDefinition()
			.getSelectionSet()
			.getSelections()) {
			if (!(selection instanceof Field field) || !field.getName().startsWith("__")) {
				return false;
			}
		}
		return true;
	}

}
