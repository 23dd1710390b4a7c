package de.check24.homewidgets.core.graphql;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one GraphQL request may ask for. Queries that only introspect the schema are
 * bounded by graphql-java's good-faith introspection check instead of depth and
 * complexity.
 *
 * @param maxDepth the deepest field nesting ({@code HOME_GRAPHQL_MAX_DEPTH}); the deepest
 * home query, a product grid tile's price, is 6
 * @param maxComplexity the most fields a query may select, each field of each alias
 * counted once ({@code HOME_GRAPHQL_MAX_COMPLEXITY})
 * @param maxRequestSize the largest request body ({@code HOME_GRAPHQL_MAX_REQUEST_SIZE})
 */
@Validated
@ConfigurationProperties("home.graphql")
record GraphQlLimits(@Min(1) int maxDepth, @Min(1) int maxComplexity, @NotNull DataSize maxRequestSize) {

}
