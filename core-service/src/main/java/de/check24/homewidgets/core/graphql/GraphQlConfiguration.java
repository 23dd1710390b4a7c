package de.check24.homewidgets.core.graphql;

import graphql.execution.instrumentation.Instrumentation;

import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.security.BearerViewers;
import de.check24.homewidgets.core.web.ProblemWriter;

import org.springframework.boot.autoconfigure.graphql.GraphQlProperties;
import org.springframework.boot.autoconfigure.graphql.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlInterceptor;

/**
 * {@code POST /graphql}: the home page with field selection. The schema is
 * {@code graphql/home.graphqls} plus the {@code Services} type generated from the
 * products; Spring Boot serves it (and GraphiQL in the {@code local} profile).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphQlLimits.class)
class GraphQlConfiguration {

	@Bean
	ServicesSchema servicesSchema(ProductCatalog catalog) {
		return new ServicesSchema(catalog);
	}

	@Bean
	GraphQlSourceBuilderCustomizer homeSchema(ServicesSchema schema) {
		return (builder) -> builder.schemaResources(schema.resource())
			.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(new ParsedQueries()));
	}

	@Bean
	RuntimeWiringConfigurer homeWiring(ServicesSchema schema, ProductCatalog catalog) {
		return new HomeWiring(schema, catalog);
	}

	@Bean
	WebGraphQlInterceptor viewerInterceptor(BearerViewers viewers) {
		return new ViewerInterceptor(viewers);
	}

	@Bean
	DataFetcherExceptionResolver problemErrors() {
		return new ProblemErrors();
	}

	@Bean
	Instrumentation maxQueryDepth(GraphQlLimits limits) {
		return QueryLimits.maxDepth(limits.maxDepth());
	}

	@Bean
	Instrumentation maxQueryComplexity(GraphQlLimits limits) {
		return QueryLimits.maxComplexity(limits.maxComplexity());
	}

	/**
	 * Bounds request bodies after Spring Security's chain, so a bad token is a 401
	 * whatever the body.
	 * @param limits the largest body
	 * @param problems writes the 413
	 * @param properties where GraphQL is served
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<BoundedRequestBodies> boundedGraphQlRequests(GraphQlLimits limits, ProblemWriter problems,
			GraphQlProperties properties) {
		FilterRegistrationBean<BoundedRequestBodies> registration = new FilterRegistrationBean<>(
				new BoundedRequestBodies(Math.toIntExact(limits.maxRequestSize().toBytes()), problems));
		registration.addUrlPatterns(properties.getHttp().getPath());
		registration.setOrder(0);
		return registration;
	}

}
