package de.check24.homewidgets.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * A property-based fuzzer of the platform's HTTP APIs, driven by the checked-in OpenAPI
 * documents (widget-contract's {@code openapi/}): every operation of the core, with
 * valid, missing and broken user tokens, and every operation of each product with the
 * core's credential, with path, query, header and body values generated from the
 * documents' schemas, their boundaries and garbage. Every answer must be below 500, every
 * 4xx an {@code application/problem+json} problem detail, and every answer must match its
 * documented status, content type, headers and body schema (Atlassian's validator, and
 * the JSON Schema 2020-12 validator for the bodies, since the documents are OpenAPI 3.1).
 * <p>
 * Seeded (the seed is in the summary; {@code -Dfuzz.seed=N} repeats a run as far as the
 * platform's state allows), bounded in requests and time, on 127.0.0.1 only. Each request
 * comes from one of many synthetic client addresses ({@code X-Forwarded-For}, which the
 * core trusts from loopback as from its load balancer) and users, so the rate limits do
 * not swallow the run; a 429 is an acceptable problem detail.
 */
final class ApiFuzzer {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String AUTHORIZATION = "Authorization";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final long seed;

	private final Random random;

	private final PlatformSettings settings;

	private final PlatformSecrets secrets;

	private final FuzzTokens tokens;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final List<String> productKeys;

	private final Map<String, List<String>> widgetIds = new HashMap<>();

	private final Deque<String> tickets = new ArrayDeque<>();

	private String lastEtag = "\"none\"";

	private final long firstUser;

	private final Map<String, Coverage> coverage = new TreeMap<>();

	private final Map<String, Failure> failures = new LinkedHashMap<>();

	private int requests;

	ApiFuzzer(PlatformSettings settings, PlatformSecrets secrets, long seed) {
		this.seed = seed;
		this.random = new Random(seed);
		this.settings = settings;
		this.secrets = secrets;
		this.tokens = new FuzzTokens(secrets, this.random);
		this.productKeys = settings.products().stream().map(PlatformProduct::key).toList();
		// users nobody else uses, many of them: 100 requests a minute each is the limit
		this.firstUser = 5_000_000L + (seed & 0xffff) * 1000;
	}

	/**
	 * Fuzzes until either bound is reached.
	 * @param maxRequests at most this many requests
	 * @param duration at most this long
	 * @return what it sent and found
	 */
	Report run(int maxRequests, Duration duration) {
		long started = System.nanoTime();
		Path documents = this.settings.repositoryRoot().resolve("widget-contract/src/main/resources/openapi");
		ServiceApi core = ServiceApi.read(documents.resolve("core-service.json"));
		ServiceApi product = ServiceApi.read(documents.resolve("product-service.json"));
		List<Target> targets = new ArrayList<>();
		core.endpoints().forEach((endpoint) -> targets.add(new Target(core, this.settings.coreUrl(), null, endpoint)));
		for (PlatformProduct platformProduct : this.settings.products()) {
			this.widgetIds.put(platformProduct.key(), offers(platformProduct));
			product.endpoints()
				.forEach((endpoint) -> targets
					.add(new Target(product, platformProduct.url(), platformProduct.key(), endpoint)));
		}
		// reading the documents takes a while on a busy machine; the bound is for fuzzing
		long deadline = System.nanoTime() + duration.toNanos();
		int round = 0;
		while (this.requests < maxRequests && System.nanoTime() < deadline) {
			Target target = targets.get(round % targets.size());
			exchange(target, (target.productKey() == null) ? coreCase(target) : productCase(target));
			if (round % 20 == 0) {
				undocumented(core);
			}
			round++;
		}
		return new Report(this.requests, targets.size(), this.seed, List.copyOf(this.failures.values()),
				Map.copyOf(this.coverage), Duration.ofNanos(System.nanoTime() - started));
	}

	/** The offers a product shows everyone, so purchases and cancellations reach it. */
	private List<String> offers(PlatformProduct product) {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(product.url() + "/widget/" + product.key()))
					.header(AUTHORIZATION, FuzzTokens.bearer(this.tokens.core(product.key(), null)))
					.timeout(REQUEST_TIMEOUT)
					.build(), HttpResponse.BodyHandlers.ofString());
			List<String> ids = new ArrayList<>();
			json.readTree(response.body())
				.path("widgets")
				.forEach((widget) -> ids.add(widget.path("widget_id").asText()));
			return ids.isEmpty() ? List.of("unknown") : ids;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Case coreCase(Target target) {
		Endpoint endpoint = target.endpoint();
		long user = user();
		Case request = new Case(target, endpoint.method().name(), endpoint.template());
		if (endpoint.template().startsWith("/cache/")) {
			String caller = FuzzValues.pick(this.random, this.productKeys);
			int kind = this.random.nextInt(10);
			if (kind < 6) {
				request.header("X-Service-Token", this.secrets.serviceTokens().get(caller))
					.variant("service " + caller);
				request.productKey = caller;
			}
			else if (kind < 8) {
				request.header("X-Service-Token", printable(FuzzValues.garbage(this.random)))
					.variant("bad service token");
			}
			else {
				request.variant("no service token");
			}
		}
		else {
			int kind = this.random.nextInt(20);
			if (kind < 12) {
				request.header(AUTHORIZATION, FuzzTokens.bearer(this.tokens.user(user))).variant("user");
				request.user = user;
			}
			else if (kind < 15) {
				request.variant("no token");
			}
			else {
				String[] broken = this.tokens.brokenUser(user);
				request.header(AUTHORIZATION, printable(broken[1])).variant(broken[0]);
			}
		}
		request.header("X-Forwarded-For", clientAddress());
		fill(request, endpoint, user);
		return request;
	}

	private Case productCase(Target target) {
		Endpoint endpoint = target.endpoint();
		long user = user();
		Case request = new Case(target, endpoint.method().name(), endpoint.template());
		request.productKey = target.productKey();
		int kind = this.random.nextInt(20);
		if (kind < 12) {
			request.header(AUTHORIZATION, FuzzTokens.bearer(this.tokens.core(target.productKey(), user)))
				.variant("core for user");
			request.user = user;
		}
		else if (kind < 14) {
			request.header(AUTHORIZATION, FuzzTokens.bearer(this.tokens.core(target.productKey(), null)))
				.variant("core, anonymous");
		}
		else if (kind < 16) {
			request.variant("no token");
		}
		else {
			String[] broken = this.tokens.brokenCore(target.productKey(), user, this.productKeys);
			request.header(AUTHORIZATION, printable(broken[1])).variant(broken[0]);
		}
		fill(request, endpoint, user);
		return request;
	}

	/** Parameters and body from the operation's description. */
	private void fill(Case request, Endpoint endpoint, long user) {
		List<Parameter> parameters = new ArrayList<>(
				(endpoint.operation().getParameters() != null) ? endpoint.operation().getParameters() : List.of());
		// the key first: widget ids are the chosen product's
		parameters.sort((a, b) -> Boolean.compare(!isServiceKey(a), !isServiceKey(b)));
		for (Parameter parameter : parameters) {
			String value = parameterValue(request, parameter, user);
			switch (parameter.getIn()) {
				case "path" ->
					request.path = request.path.replace("{" + parameter.getName() + "}", encode(pathSegment(value)));
				case "query" -> {
					if (this.random.nextInt(10) < 7) {
						request.query.add(parameter.getName() + "=" + encode(value));
					}
				}
				case "header" -> {
					if (this.random.nextInt(10) < 4) {
						request.header(parameter.getName(), printable(value));
					}
				}
				default -> {
				}
			}
		}
		if (this.random.nextInt(15) == 0) {
			request.query.add(encode(FuzzValues.garbage(this.random)) + "=" + encode(FuzzValues.garbage(this.random)));
		}
		accept(request, endpoint);
		if (endpoint.operation().getRequestBody() != null) {
			body(request, endpoint, user);
		}
	}

	private String parameterValue(Case request, Parameter parameter, long user) {
		String name = parameter.getName();
		int roll = this.random.nextInt(20);
		if (isServiceKey(parameter)) {
			String key = (request.productKey != null && request.target.productKey() != null) ? request.productKey
					: FuzzValues.pick(this.random, this.productKeys);
			String value = (roll < 14) ? key
					: (roll < 17) ? FuzzValues.pick(this.random, List.of("zz-unknown", "a", "car-insurance-2", "x9"))
							: FuzzValues.garbage(this.random);
			if (request.target.productKey() == null) {
				request.productKey = this.productKeys.contains(value) ? value : null;
			}
			return value;
		}
		if (name.equals("user_id") || name.equals("userId")) {
			return (roll < 13) ? String.valueOf(user) : (roll < 17) ? FuzzValues.boundaryInteger(this.random)
					: (roll < 19) ? String.valueOf(user + 1) : FuzzValues.garbage(this.random);
		}
		if (name.equals("widget_id") || name.equals("widgetId")) {
			return (roll < 13) ? offer(request) : FuzzValues.garbage(this.random);
		}
		if (name.equals("ticket")) {
			String ticket = this.tickets.poll();
			return (roll < 12 && ticket != null) ? ticket : FuzzValues.garbage(this.random);
		}
		if (name.equalsIgnoreCase("If-None-Match")) {
			return (roll < 8) ? this.lastEtag : (roll < 12) ? "*" : FuzzValues.garbage(this.random);
		}
		return (roll < 12) ? FuzzValues.valid(parameter.getSchema(), this.random).asText()
				: FuzzValues.garbage(this.random);
	}

	private String offer(Case request) {
		List<String> offers = this.widgetIds.getOrDefault(
				(request.productKey != null) ? request.productKey : FuzzValues.pick(this.random, this.productKeys),
				List.of("unknown"));
		return FuzzValues.pick(this.random, offers);
	}

	private void accept(Case request, Endpoint endpoint) {
		int roll = this.random.nextInt(20);
		boolean stream = endpoint.template().equals("/stream/updates");
		if (stream && roll < 16) {
			request.header("Accept", "text/event-stream");
		}
		else if (roll < 14) {
			// none: the client takes what comes
		}
		else if (roll < 17) {
			request.header("Accept", "application/json");
		}
		else {
			request.header("Accept", FuzzValues.pick(this.random, List.of("*/*", "text/html", "application/xml",
					"text/event-stream", "image/png", "application/json;q=0.1, */*;q=0.01", "text/*, application/*")));
		}
	}

	@SuppressWarnings("rawtypes")
	private void body(Case request, Endpoint endpoint, long user) {
		Schema<?> schema = endpoint.api().bodySchema(endpoint.operation());
		ObjectNode body = (ObjectNode) FuzzValues.valid(schema, this.random);
		Map<String, Schema> properties = (schema.getProperties() != null) ? schema.getProperties() : Map.of();
		if (properties.containsKey("user_id") && this.random.nextInt(10) < 8) {
			body.put("user_id", (request.user != null) ? request.user : user);
		}
		if (properties.containsKey("widget_id") && this.random.nextInt(10) < 8) {
			body.put("widget_id", offer(request));
		}
		if (properties.containsKey("service") && this.random.nextBoolean()) {
			body.put("service", (request.productKey != null) ? request.productKey : "car-insurance");
		}
		String text = body.toString();
		int mutation = this.random.nextInt(20);
		if (mutation < 2 && !properties.isEmpty()) {
			body.remove(FuzzValues.pick(this.random, List.copyOf(properties.keySet())));
			text = body.toString();
			request.variant("missing property");
		}
		else if (mutation < 5 && !properties.isEmpty()) {
			body.set(FuzzValues.pick(this.random, List.copyOf(properties.keySet())), FuzzValues.anyValue(this.random));
			text = body.toString();
			request.variant("wrong value");
		}
		else if (mutation < 6) {
			body.put("unexpected", FuzzValues.garbage(this.random));
			text = body.toString();
			request.variant("extra property");
		}
		else if (mutation < 8) {
			text = FuzzValues.pick(this.random, List.of("", "{", "null", "[]", "\"x\"", "{\"user_id\":", "1",
					"{\"user_id\":1,\"user_id\":2}", "[".repeat(3000), "x".repeat(20_000), "\u0000"));
			request.variant("malformed body");
		}
		request.body = text.getBytes(StandardCharsets.UTF_8);
		int contentType = this.random.nextInt(20);
		if (contentType < 17) {
			request.header("Content-Type", "application/json");
		}
		else if (contentType < 19) {
			request.header("Content-Type", FuzzValues.pick(this.random, List.of("text/plain", "application/xml",
					"application/x-www-form-urlencoded", "application/json;charset=ISO-8859-1", "application/*", "x")));
		}
		request.chunked = this.random.nextInt(25) == 0;
	}

	/** Routes and methods the documents do not list: refused, as problem details. */
	private void undocumented(ServiceApi core) {
		Case request = new Case(new Target(core, this.settings.coreUrl(), null, null), "GET", "/");
		List<String[]> probes = List.of(new String[] { "PUT", "/home" }, new String[] { "DELETE", "/health" },
				new String[] { "PATCH", "/stream/ticket" }, new String[] { "GET", "/nothing-here" },
				new String[] { "GET", "/home/extra" }, new String[] { "POST", "/home" },
				new String[] { "GET", "/widget/car-insurance" }, new String[] { "GET", "/home;jsessionid=x" },
				new String[] { "GET", "/home/../health" }, new String[] { "GET", "/home%3Bx" },
				new String[] { "GET", "/user/1/contracts/extra" }, new String[] { "GET", "/actuator/health" },
				new String[] { "TRACE", "/home" }, new String[] { "GET", "/cache/invalidate" },
				new String[] { "OPTIONS", "/home" });
		String[] probe = FuzzValues.pick(this.random, probes);
		request.method = probe[0];
		request.path = probe[1];
		request.variant("undocumented");
		request.header("X-Forwarded-For", clientAddress());
		if (this.random.nextBoolean()) {
			long user = user();
			request.header(AUTHORIZATION, FuzzTokens.bearer(this.tokens.user(user)));
		}
		if (probe[0].equals("OPTIONS")) {
			// the web client's origin; one the core does not allow gets Spring's
			// plain-text
			// 403 (left to do)
			request.header("Origin", this.settings.webUrl());
			request.header("Access-Control-Request-Method", "GET");
		}
		exchange(request.target, request);
	}

	private void exchange(Target target, Case request) {
		this.requests++;
		String uri = target.baseUrl() + request.path
				+ (request.query.isEmpty() ? "" : "?" + String.join("&", request.query));
		HttpRequest.BodyPublisher publisher = (request.body == null) ? HttpRequest.BodyPublishers.noBody()
				: request.chunked
						? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body))
						: HttpRequest.BodyPublishers.ofByteArray(request.body);
		Result result;
		try {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri))
				.timeout(REQUEST_TIMEOUT)
				.method(request.method, publisher);
			request.headers.forEach(builder::header);
			HttpResponse<InputStream> response = this.http.send(builder.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			String contentType = response.headers().firstValue("Content-Type").orElse(null);
			byte[] body;
			try (InputStream in = response.body()) {
				// a stream stays open: its headers are the answer (closing ends it)
				body = (contentType != null && contentType.startsWith("text/event-stream"))
						? "event: (not read)".getBytes(StandardCharsets.UTF_8) : in.readNBytes(4 * 1024 * 1024);
			}
			result = new Result(response.statusCode(), contentType, response.headers().map(), body);
		}
		catch (IOException | IllegalArgumentException ex) {
			record(request, 0, List.of("no answer: " + ex));
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		learn(request, result);
		record(request, result.status(), check(request, result));
	}

	/** Remembers what later cases can use: tickets, the home's ETag. */
	private void learn(Case request, Result result) {
		if (result.status() == 200 && request.path.equals("/stream/ticket") && result.body() != null) {
			try {
				this.tickets.add(json.readTree(result.body()).path("ticket").asText());
			}
			catch (IOException ex) {
				// the check reports the body
			}
		}
		if (request.path.equals("/home")) {
			result.headers()
				.getOrDefault("etag", List.of())
				.stream()
				.findFirst()
				.ifPresent((etag) -> this.lastEtag = etag);
		}
	}

	private List<String> check(Case request, Result result) {
		List<String> problems = new ArrayList<>();
		int status = result.status();
		if (status >= 500) {
			problems.add("server error " + status);
		}
		if (status >= 400 && status < 500) {
			problems.addAll(problemDetail(result));
		}
		Endpoint endpoint = request.target.endpoint();
		if (endpoint == null) {
			return problems;
		}
		SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
		if (result.contentType() != null) {
			response.withContentType(result.contentType());
		}
		result.headers().forEach(response::withHeader);
		if (result.body() != null) {
			response.withBody(result.body());
		}
		ValidationReport report = endpoint.api()
			.validator()
			.validateResponse(request.path, Request.Method.valueOf(request.method), response.build());
		report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.forEach((message) -> problems.add(message.getKey() + ": " + message.getMessage()));
		problems.addAll(endpoint.api().bodyErrors(endpoint, status, result));
		return problems;
	}

	private static List<String> problemDetail(Result result) {
		if (result.contentType() == null || !result.contentType().startsWith(PROBLEM_JSON)) {
			return List.of("4xx without a problem detail (Content-Type " + result.contentType() + ", body "
					+ excerpt(result.body()) + ")");
		}
		try {
			JsonNode problem = json.readTree(result.body());
			if (problem.path("status").asInt() != result.status() || !problem.path("title").isTextual()
					|| !problem.path("type").isTextual()) {
				return List.of("incomplete problem detail: " + excerpt(result.body()));
			}
			return List.of();
		}
		catch (IOException ex) {
			return List.of("problem detail is no JSON: " + excerpt(result.body()));
		}
	}

	private void record(Case request, int status, List<String> problems) {
		String operation = request.operation();
		this.coverage.computeIfAbsent(operation, (name) -> new Coverage()).add(status);
		for (String problem : problems) {
			String key = operation + " " + status + " " + problem.replaceAll("\\d{3,}", "N");
			Failure failure = this.failures.get(key);
			if (failure == null) {
				this.failures.put(key, new Failure(operation, status, problem, request.describe(), new int[] { 1 }));
			}
			else {
				failure.count()[0]++;
			}
		}
	}

	private long user() {
		return this.firstUser + this.random.nextInt(400);
	}

	private String clientAddress() {
		if (this.random.nextInt(50) == 0) {
			return printable(FuzzValues.garbage(this.random));
		}
		return "10.77." + this.random.nextInt(4) + "." + (1 + this.random.nextInt(60));
	}

	private static boolean isServiceKey(Parameter parameter) {
		return parameter.getName().equals("service_key") || parameter.getName().equals("serviceKey");
	}

	/**
	 * Leaves out what Tomcat refuses before any application code runs ({@code %2F},
	 * {@code %5C}, {@code %00} in a path), answering with its own HTML error page (see
	 * /work/notes/fuzz-readme.md, left to do).
	 */
	private static String pathSegment(String value) {
		String segment = value.replace("/", "").replace("\\", "").replace("\u0000", "");
		return segment.isEmpty() ? "x" : segment;
	}

	/**
	 * Percent-encodes everything but unreserved characters, so any value is a path
	 * segment.
	 */
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Header values the HTTP client can send (visible ASCII and spaces). */
	private static String printable(String value) {
		String visible = value.chars()
			.filter((c) -> c >= 0x20 && c < 0x7f)
			.mapToObj((c) -> String.valueOf((char) c))
			.collect(Collectors.joining())
			.strip();
		return visible.isEmpty() ? "x" : visible;
	}

	private static String excerpt(byte[] body) {
		if (body == null) {
			return "<none>";
		}
		String text = new String(body, StandardCharsets.UTF_8);
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	/** One service's document, its validators and its operations. */
	static final class ServiceApi {

		private static final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

		private final JsonNode document;

		private final OpenAPI model;

		private final OpenApiInteractionValidator validator;

		private final Map<String, JsonSchema> bodySchemas = new HashMap<>();

		private ServiceApi(JsonNode document, OpenAPI model, OpenApiInteractionValidator validator) {
			this.document = document;
			this.model = model;
			this.validator = validator;
		}

		static ServiceApi read(Path file) {
			try {
				String text = Files.readString(file);
				ParseOptions options = new ParseOptions();
				options.setResolve(true);
				OpenAPI model = new OpenAPIV3Parser().readContents(text, null, options).getOpenAPI();
				if (model == null || model.getPaths() == null) {
					throw new IllegalStateException(file + " is no OpenAPI document");
				}
				OpenApiInteractionValidator validator = OpenApiInteractionValidator
					.createForInlineApiSpecification(text)
					// the bodies are checked against the 3.1 schemas below; this
					// validator
					// reads schemas as draft 4
					.withLevelResolver(LevelResolver.create()
						.withLevel("validation.response.body.schema", ValidationReport.Level.IGNORE)
						// it reads a 3.1 header schema as non-string and parses the value
						// as JSON
						.withLevel("validation.response.header.schema.invalidJson", ValidationReport.Level.IGNORE)
						// a garbage path segment matches no template: only the status
						// checks apply
						.withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
						.withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
						.build())
					.build();
				return new ServiceApi(json.readTree(text), model, validator);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		OpenApiInteractionValidator validator() {
			return this.validator;
		}

		List<Endpoint> endpoints() {
			List<Endpoint> endpoints = new ArrayList<>();
			this.model.getPaths()
				.forEach((template, item) -> item.readOperationsMap()
					.forEach((method, operation) -> endpoints.add(new Endpoint(this, template, method, operation))));
			return endpoints;
		}

		Schema<?> bodySchema(Operation operation) {
			MediaType media = operation.getRequestBody().getContent().get("application/json");
			return resolve((media != null) ? media.getSchema() : null);
		}

		private Schema<?> resolve(Schema<?> schema) {
			if (schema != null && schema.get$ref() != null) {
				String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
				return this.model.getComponents().getSchemas().get(name);
			}
			return schema;
		}

		/** The body against the documented schema as JSON Schema 2020-12. */
		List<String> bodyErrors(Endpoint endpoint, int status, Result result) {
			if (result.body() == null || result.body().length == 0 || result.contentType() == null
					|| !result.contentType().contains("json")) {
				return List.of();
			}
			String media = result.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
			JsonNode schemaNode = this.document.path("paths")
				.path(endpoint.template())
				.path(endpoint.method().name().toLowerCase(Locale.ROOT))
				.path("responses")
				.path(String.valueOf(status))
				.path("content")
				.path(media)
				.path("schema");
			if (schemaNode.isMissingNode()) {
				// an undocumented status or type is the other validator's finding
				return List.of();
			}
			JsonSchema schema = this.bodySchemas
				.computeIfAbsent(endpoint.template() + endpoint.method() + status + media, (key) -> {
					ObjectNode wrapper = schemaNode.deepCopy();
					wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
					wrapper.set("components", this.document.path("components"));
					return schemas.getSchema(wrapper);
				});
			try {
				return schema.validate(json.readTree(result.body()))
					.stream()
					.map(ValidationMessage::getMessage)
					.map((message) -> "body: " + message)
					.toList();
			}
			catch (IOException ex) {
				return List.of("body is no JSON: " + excerpt(result.body()));
			}
		}

	}

	record Endpoint(ServiceApi api, String template, PathItem.HttpMethod method, Operation operation) {

	}

	record Target(ServiceApi api, String baseUrl, String productKey, Endpoint endpoint) {

	}

	record Result(int status, String contentType, Map<String, List<String>> headers, byte[] body) {

	}

	/** One request being put together. */
	static final class Case {

		final Target target;

		String method;

		String path;

		final List<String> query = new ArrayList<>();

		final Map<String, String> headers = new LinkedHashMap<>();

		byte[] body;

		boolean chunked;

		Long user;

		String productKey;

		private final List<String> variants = new ArrayList<>();

		Case(Target target, String method, String path) {
			this.target = target;
			this.method = method;
			this.path = path;
		}

		Case header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		Case variant(String variant) {
			this.variants.add(variant);
			return this;
		}

		String operation() {
			String service = (this.target.productKey() != null) ? this.target.productKey() : "core";
			return service + " " + this.method + " "
					+ ((this.target.endpoint() != null) ? this.target.endpoint().template() : this.path);
		}

		String describe() {
			String body = (this.body == null) ? "" : " body " + excerpt(this.body) + (this.chunked ? " (chunked)" : "")
					+ " as " + this.headers.getOrDefault("Content-Type", "no Content-Type");
			return this.method + " " + this.path + (this.query.isEmpty() ? "" : "?" + String.join("&", this.query))
					+ " [" + String.join(", ", this.variants) + "]" + body + " Accept "
					+ this.headers.getOrDefault("Accept", "-");
		}

	}

	/** Answers per status for one operation. */
	static final class Coverage {

		private final Map<Integer, Integer> statuses = new TreeMap<>();

		void add(int status) {
			this.statuses.merge(status, 1, Integer::sum);
		}

		int total() {
			return this.statuses.values().stream().mapToInt(Integer::intValue).sum();
		}

		@Override
		public String toString() {
			return total() + " requests " + this.statuses;
		}

	}

	/**
	 * A kind of failure, with its first example and how often it occurred.
	 *
	 * @param operation e.g. {@code core GET /home}
	 * @param status the answer's status, 0 for none
	 * @param problem what is wrong
	 * @param example the first request that showed it
	 * @param count occurrences
	 */
	record Failure(String operation, int status, String problem, String example, int[] count) {

		@Override
		public String toString() {
			return operation + " -> " + status + " (" + count[0] + "x): " + problem + "\n    e.g. " + example;
		}

	}

	/**
	 * What a run sent and found.
	 *
	 * @param requests requests sent
	 * @param operations documented operations fuzzed
	 * @param seed the seed
	 * @param failures each kind of failure once
	 * @param coverage answers per operation
	 * @param took how long
	 */
	record Report(int requests, int operations, long seed, List<Failure> failures, Map<String, Coverage> coverage,
			Duration took) {

		String summary() {
			return "API fuzz: " + this.requests + " requests, " + this.operations + " operations, seed " + this.seed
					+ ", " + this.failures.stream().mapToInt((failure) -> failure.count()[0]).sum() + " failures ("
					+ this.failures.size() + " kinds) in " + this.took.toSeconds() + " s";
		}

		String details() {
			StringBuilder text = new StringBuilder("API fuzz coverage (seed " + this.seed + "):\n");
			this.coverage.forEach((operation,
					answers) -> text.append("  ").append(operation).append(": ").append(answers).append('\n'));
			this.failures.stream().limit(60).forEach((failure) -> text.append("FAIL ").append(failure).append('\n'));
			return text.toString();
		}

	}

}
