package de.check24.homewidgets.core.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A thread-safe HTTP client for calling the core under test, also concurrently. */
public final class HttpTestClient {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String baseUrl;

	public HttpTestClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/**
	 * Sends a GET.
	 * @param path e.g. {@code /home}
	 * @param headers name, value, name, value...
	 * @return the response
	 */
	public HttpResponse<String> get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET(), headers);
	}

	public HttpResponse<String> post(String path, String json, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), headers);
	}

	public HttpResponse<String> delete(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).DELETE(), headers);
	}

	/**
	 * Sends a request with any method.
	 * @param method e.g. {@code OPTIONS}
	 * @param path e.g. {@code /home}
	 * @param headers name, value, name, value...
	 * @return the response
	 */
	public HttpResponse<String> request(String method, String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.method(method, HttpRequest.BodyPublishers.noBody()), headers);
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * GET /home as a user.
	 * @param userId the user, {@code null} for anonymous
	 * @return the response
	 */
	public HttpResponse<String> home(Long userId) {
		return (userId != null) ? get("/home", "Authorization", "Bearer " + Tokens.forUser(userId)) : get("/home");
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
		request.timeout(Duration.ofSeconds(30));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
