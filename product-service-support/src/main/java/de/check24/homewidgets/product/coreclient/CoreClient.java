package de.check24.homewidgets.product.coreclient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** The one way to the core service. */
@Component
class CoreClient {

	static final String SERVICE_TOKEN_HEADER = "X-Service-Token";

	private static final Logger logger = LoggerFactory.getLogger(CoreClient.class);

	private final RestClient restClient;

	CoreClient(RestClient.Builder builder, CoreProperties properties) {
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(properties.connectTimeout());
		requestFactory.setReadTimeout(properties.readTimeout());
		this.restClient = builder.clone()
			.baseUrl(properties.baseUrl().toString())
			// buffered, so the body goes out with a Content-Length rather than chunked
			.requestFactory(new BufferingClientHttpRequestFactory(requestFactory))
			.defaultHeader(SERVICE_TOKEN_HEADER, properties.token())
			.build();
	}

	/**
	 * Asks the core to drop the user's cached home page. Failures are logged, never
	 * thrown.
	 * @param invalidation what changed
	 */
	void invalidateCache(CacheInvalidation invalidation) {
		try {
			this.restClient.post()
				.uri("/cache/invalidate")
				.contentType(MediaType.APPLICATION_JSON)
				.body(invalidation)
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			logger.warn("Core cache invalidation for user {} ({}) failed: {}", invalidation.userId(),
					invalidation.reason(), ex.getMessage());
		}
	}

}
