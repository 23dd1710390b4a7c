package de.check24.homewidgets.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.sdui.WidgetJson;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of a product service under test that reports every answer, error or not, and
 * the problem assertions the product tests share.
 */
public final class ProductHttp {

	private static final String PROBLEMS = "https://homewidgets.check24.de/problems/";

	private static final ObjectMapper json = WidgetJson.newMapper();

	private final RestClient http;

	private ProductHttp(int port) {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	public static ProductHttp to(int port) {
		return new ProductHttp(port);
	}

	/**
	 * Sends a request.
	 * @param method the method
	 * @param path the path and query
	 * @param token the bearer token, {@code null} for none
	 * @param body a JSON body, {@code null} for none
	 * @return the answer
	 */
	public Response call(HttpMethod method, String path, @Nullable String token, @Nullable String body) {
		RestClient.RequestBodySpec request = this.http.method(method).uri(path);
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((clientRequest, clientResponse) -> {
			String text = new String(clientResponse.getBody().readAllBytes());
			MediaType contentType = clientResponse.getHeaders().getContentType();
			boolean isJson = contentType != null && contentType.getSubtype().endsWith("json");
			return new Response(clientResponse.getStatusCode().value(), clientResponse.getHeaders(), text.isEmpty()
					? json.nullNode() : isJson ? json.readTree(text) : json.getNodeFactory().textNode(text));
		});
	}

	/**
	 * Asserts an RFC 9457 problem with a stable type and no stack trace.
	 * @param response the answer
	 * @param status the expected status
	 * @param type the last segment of the expected type URI
	 */
	public static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
		assertThat(response.headers().getContentType()).isNotNull()
			.matches((contentType) -> contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(response.body().path("type").asText()).isEqualTo(PROBLEMS + type);
		assertThat(response.body().path("status").asInt()).isEqualTo(status);
		assertThat(response.body().path("title").asText()).isNotBlank();
		assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the JSON body; a text node for other content, a null node when empty
	 */
	public record Response(int status, HttpHeaders headers, JsonNode body) {

	}

}
