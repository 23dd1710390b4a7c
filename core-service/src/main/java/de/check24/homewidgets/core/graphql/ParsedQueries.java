package de.check24.homewidgets.core.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Parsed and validated queries by their text. Clients send the same few queries over and
 * over, and graphql-java's parser and validator cost more than answering one from a page
 * in memory. Depth and complexity are checked per execution, so a cached query is still
 * limited.
 */
final class ParsedQueries implements PreparsedDocumentProvider {

	/** Characters of query text kept: about a thousand typical queries. */
	private static final long MAX_QUERY_CHARACTERS = 1_000_000;

	private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder()
		.maximumWeight(MAX_QUERY_CHARACTERS)
		.<String, PreparsedDocumentEntry>weigher((query, document) -> query.length())
		.build();

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		return CompletableFuture
			.completedFuture(this.documents.get(input.getQuery(), (query) -> parseAndValidate.apply(input)));
	}

}
