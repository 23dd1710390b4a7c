package de.check24.homewidgets.core.graphql;

import java.util.Map;

import reactor.core.publisher.Mono;

import de.check24.homewidgets.core.security.BearerViewers;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;

/**
 * Puts the request's {@link Viewer} into the GraphQL context, decided as for
 * {@code GET /home}: anonymous without a token, the token's user with one. Answers may be
 * personal, so like the personal routes' they are kept out of every cache.
 */
class ViewerInterceptor implements WebGraphQlInterceptor {

	private final BearerViewers viewers;

	ViewerInterceptor(BearerViewers viewers) {
		this.viewers = viewers;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		// Spring Security has already answered a bad bearer token with 401, and this is
		// its decoder (a cache hit by now); any other Authorization scheme is anonymous
		// to it as well
		Viewer viewer = this.viewers.resolve(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
			.orElse(Viewer.ANONYMOUS);
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of("viewer", viewer)).build());
		return chain.next(request)
			.doOnNext((response) -> response.getResponseHeaders().setCacheControl(CacheControl.noStore()));
	}

}
