package de.check24.homewidgets.core.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.web.CoreProblem;
import de.check24.homewidgets.sdui.ContractSchema;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The core's public API as an OpenAPI 3.1 document at {@code /v3/api-docs}: every route
 * with its token, the problem details it can answer and their headers. The home and
 * contract bodies are the contract's own JSON Schemas (widget-contract), turned into
 * component schemas here, so the document cannot drift from them. Controllers stay free
 * of documentation annotations; what springdoc cannot see (filters, the security chain,
 * bodies passed on from products) is described here.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String USER_TOKEN = "userToken";

	static final String SERVICE_TOKEN = "serviceToken";

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

	private static final String SCHEMAS = "#/components/schemas/";

	static {
		// the signed-in user comes from the token, not from the request's parameters
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Viewer.class);
	}

	@Bean
	OpenAPI coreServiceApi() {
		Components components = new Components()
			.addSecuritySchemes(USER_TOKEN,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("The user's token from the identity provider: exp required, iss and aud as "
								+ "configured (HOME_JWT_ISSUER, HOME_JWT_AUDIENCE), sub = the numeric user id."))
			.addSecuritySchemes(SERVICE_TOKEN,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-Service-Token")
						.description("A product service's own credential ({KEY}_SERVICE_TOKEN at the core)."));
		return new OpenAPI()
			.info(new Info().title("Home Widgets core service")
				.version("1")
				.description("The platform's public API: the server-driven home, contracts bought through it, "
						+ "the update stream, and the cache invalidation the product services call. Every error "
						+ "is an RFC 9457 problem detail (application/problem+json) with a stable type URI under "
						+ CoreProblem.TYPE_BASE + "."))
			.components(components);
	}

	@Bean
	OpenApiCustomizer coreOperations() {
		return (api) -> {
			// here rather than on the OpenAPI bean, whose component schemas springdoc
			// replaces
			// with the ones it derives
			Components components = api.getComponents();
			components.addSchemas("Problem", problemSchema())
				.addSchemas("ContractConfirmation", contractConfirmationSchema())
				.addSchemas("ProductContracts", productContractsSchema())
				.addSchemas("JwkSet", jwkSetSchema());
			contractSchemas().forEach(components::addSchemas);
			// a product that gives no reason gets none back
			Schema<?> reason = (Schema<?>) components.getSchemas().get("Accepted").getProperties().get("reason");
			reason.setTypes(new LinkedHashSet<>(List.of("string", "null")));
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				describe(path, method, operation);
				commonProblems(path, method, operation);
			}));
			dropUnreferencedSchemas(api);
		};
	}

	private static void describe(String path, HttpMethod method, Operation operation) {
		ApiResponses responses = operation.getResponses();
		switch (path) {
			case "/home" -> {
				operation.summary("The home: every product's section, personal with a token, generic without");
				operation.security(List.of(new SecurityRequirement(), user()));
				responses.clear();
				responses.addApiResponse("200",
						json("The home", "HomeResponse").addHeaderObject("ETag", header("The page's version"))
							.addHeaderObject("Cache-Control", header("no-cache; private for personal pages")));
				responses.addApiResponse("304", new ApiResponse().description("Unchanged since If-None-Match")
					.addHeaderObject("ETag", header("The page's version")));
				responses.addApiResponse("503",
						json("No product could be served; the body is the home of fallbacks", "HomeResponse")
							.addHeaderObject("Retry-After", retryAfter()));
			}
			case "/user/{user_id}/contracts" -> {
				operation.summary("The signed-in user's active contracts across all products");
				operation.security(List.of(user()));
				responses.clear();
				responses.addApiResponse("200", json("One entry per product", "UserContracts"));
				responses.addApiResponse("403",
						problem("Another user's contracts: " + CoreProblem.type("foreign-user")));
			}
			case "/widget/{service_key}/contract" -> {
				operation.summary("Buys an offer for the signed-in user (forwarded to the product)");
				operation.security(List.of(user()));
				describeServiceKey(operation);
				responses.clear();
				responses.addApiResponse("201", json("Bought; the product's confirmation", "ContractConfirmation")
					.addHeaderObject("Location", header("The user's contracts with the product")));
				contractRouteProblems(responses);
				responses.addApiResponse("409", problem("The user already holds this contract (the product's answer)"));
			}
			case "/widget/{service_key}/contract/{user_id}/{widget_id}" -> {
				operation.summary("Cancels the signed-in user's contract (forwarded to the product)");
				operation.security(List.of(user()));
				describeServiceKey(operation);
				responses.clear();
				responses.addApiResponse("200", json("Cancelled; the product's confirmation", "ContractConfirmation"));
				contractRouteProblems(responses);
			}
			case "/widget/{service_key}/contract/{user_id}" -> {
				operation.summary("The signed-in user's contracts with one product (forwarded to the product)");
				operation.security(List.of(user()));
				describeServiceKey(operation);
				responses.clear();
				responses.addApiResponse("200", json("The product's list", "ProductContracts"));
				contractRouteProblems(responses);
			}
			case "/stream/ticket" -> {
				operation.summary("A single-use ticket that opens the caller's update stream within its lifetime");
				operation.security(List.of(user()));
			}
			case "/stream/updates" -> {
				operation.summary("Server-sent events: connected, heartbeat, cache_invalidated");
				operation.description("With ?ticket= (from POST /stream/ticket, single use) the ticket's user's "
						+ "stream, with a bearer token that user's, with neither the anonymous stream.");
				operation.security(List.of(new SecurityRequirement(), user()));
				responses.clear();
				responses.addApiResponse("200", new ApiResponse().description("The stream; stays open")
					.content(new Content().addMediaType(org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE,
							new MediaType().schema(new StringSchema()
								.description("event: connected | heartbeat | cache_invalidated; data: JSON")))));
				responses.addApiResponse("429",
						problem("Too many open streams for this user or replica: "
								+ CoreProblem.type("too-many-streams") + ", or a rate limit: "
								+ CoreProblem.type("rate-limited"))
							.addHeaderObject("Retry-After", retryAfter()));
			}
			case "/cache/invalidate" -> {
				operation.summary("A product invalidates its own section of one user's home");
				operation.security(List.of(new SecurityRequirement().addList(SERVICE_TOKEN)));
				responses.addApiResponse("401",
						problem("No or an unknown X-Service-Token: " + CoreProblem.type("invalid-service-token")));
				responses.addApiResponse("403", problem("Another product's section: " + CoreProblem.type("forbidden")));
			}
			case "/health" -> {
				operation.summary("The load balancer's check: UP while the core can answer /home");
				operation.security(List.of());
			}
			case "/.well-known/jwks.json" -> {
				operation.summary("The public keys products verify the core's per-call tokens with");
				operation.security(List.of());
				responses.clear();
				responses.addApiResponse("200", json("The JWK set (EC P-256, ES256)", "JwkSet"));
			}
			default -> {
			}
		}
	}

	/** What the filters and the security chain may answer on any route they guard. */
	private static void commonProblems(String path, HttpMethod method, Operation operation) {
		ApiResponses responses = operation.getResponses();
		boolean hasInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
				|| operation.getRequestBody() != null;
		if (hasInput) {
			responses.putIfAbsent("400", problem("A parameter or the body is malformed or invalid"));
		}
		responses.putIfAbsent("406", problem("An Accept header without application/json (or text/event-stream)"));
		responses.putIfAbsent("401", problem("A token that does not verify (bad signature, expired, wrong issuer or "
				+ "audience, ...), or none where one is required: " + CoreProblem.type("unauthorized")));
		if (operation.getRequestBody() != null) {
			responses.putIfAbsent("411", problem("A chunked body: " + CoreProblem.type("length-required")));
			responses.putIfAbsent("413", problem(
					"A body over HOME_MAX_REQUEST_BODY_SIZE (16 KB): " + CoreProblem.type("request-too-large")));
			responses.putIfAbsent("415", problem("A body that is not application/json"));
		}
		if (!path.equals("/health") && !path.startsWith("/.well-known/") && !path.startsWith("/cache/")) {
			responses.putIfAbsent("429",
					problem("More requests than the limit per user (100/min) or per client address (1000/min): "
							+ CoreProblem.type("rate-limited"))
						.addHeaderObject("Retry-After", retryAfter())
						.addHeaderObject("RateLimit", header("e.g. \"user\";r=0;t=12"))
						.addHeaderObject("RateLimit-Policy", header("e.g. \"user\";q=100;w=60")));
		}
		responses.putIfAbsent("500",
				problem("Unexpected; the detail carries no internals: " + CoreProblem.type("internal-error")));
	}

	private static void contractRouteProblems(ApiResponses responses) {
		responses.addApiResponse("403",
				problem("The path or body names another user than the token: " + CoreProblem.type("foreign-user")));
		responses.addApiResponse("404", problem("An unknown service key (" + CoreProblem.type("unknown-service")
				+ "), or the product's own 404 (unknown offer or contract)"));
		responses.addApiResponse("503",
				problem("The product is unreachable or its breaker is open: " + CoreProblem.type("product-unavailable"))
					.addHeaderObject("Retry-After", retryAfter()));
	}

	private static void describeServiceKey(Operation operation) {
		for (Parameter parameter : operation.getParameters()) {
			if ("service_key".equals(parameter.getName())) {
				parameter.description("A product's key, e.g. car-insurance")
					.schema(new StringSchema().pattern("^[a-z][a-z0-9-]*$"));
			}
		}
	}

	private static SecurityRequirement user() {
		return new SecurityRequirement().addList(USER_TOKEN);
	}

	private static ApiResponse json(String description, String schema) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(JSON, new MediaType().schema(new Schema<>().$ref(SCHEMAS + schema))));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref(SCHEMAS + "Problem"))));
	}

	private static Header header(String description) {
		return new Header().description(description).schema(new StringSchema());
	}

	private static Header retryAfter() {
		return new Header().description("Seconds to wait").schema(new IntegerSchema());
	}

	@SuppressWarnings("rawtypes")
	private static Schema<?> problemSchema() {
		Map<String, Schema> properties = Map.of("type",
				new StringSchema().format("uri").description("Stable, e.g. " + CoreProblem.type("rate-limited")),
				"title", new StringSchema(), "status", new IntegerSchema(), "detail", new StringSchema(), "instance",
				new StringSchema().format("uri-reference"));
		ObjectSchema schema = new ObjectSchema();
		schema.setProperties(new TreeMap<>(properties));
		schema.required(List.of("type", "title", "status"));
		schema.description("RFC 9457 problem details; extension members (service, ...) may follow");
		return schema;
	}

	private static Schema<?> contractConfirmationSchema() {
		return new ObjectSchema().description("A product's confirmation, passed on unchanged")
			.addProperty("contract_id", new IntegerSchema().format("int64"))
			.addProperty("message", new StringSchema());
	}

	private static Schema<?> productContractsSchema() {
		Schema<?> contract = new ObjectSchema().addProperty("contract_id", new IntegerSchema().format("int64"))
			.addProperty("widget_id", new Schema<>().$ref(SCHEMAS + "WidgetId"))
			.addProperty("component_type", new StringSchema())
			.addProperty("data", new Schema<>().$ref(SCHEMAS + "WidgetData"))
			.addProperty("created_at", new StringSchema().format("date-time"));
		return new ObjectSchema().description("A product's list of the user's contracts, passed on unchanged")
			.addProperty("user_id", new IntegerSchema().format("int64"))
			.addProperty("contracts", new ArraySchema().items(contract));
	}

	private static Schema<?> jwkSetSchema() {
		Schema<?> key = new ObjectSchema().addProperty("kty", new StringSchema())
			.addProperty("crv", new StringSchema())
			.addProperty("kid", new StringSchema())
			.addProperty("alg", new StringSchema())
			.addProperty("use", new StringSchema())
			.addProperty("x", new StringSchema())
			.addProperty("y", new StringSchema());
		key.required(List.of("kty", "kid"));
		Schema<?> set = new ObjectSchema().addProperty("keys", new ArraySchema().items(key));
		set.required(List.of("keys"));
		return set;
	}

	/**
	 * The contract's JSON Schemas as component schemas: each file under its title
	 * ({@code HomeResponse}, {@code Widget}, {@code UserContracts}), each of its
	 * {@code $defs} under its capitalised name ({@code WidgetData}, ...), every reference
	 * pointed at those components.
	 */
	@SuppressWarnings("rawtypes")
	static Map<String, Schema> contractSchemas() {
		Map<String, Schema> schemas = new TreeMap<>();
		for (ContractSchema file : List.of(ContractSchema.HOME_RESPONSE, ContractSchema.WIDGET,
				ContractSchema.USER_CONTRACTS)) {
			ObjectNode schema = (ObjectNode) read(file);
			ObjectNode definitions = (ObjectNode) schema.remove("$defs");
			schema.remove(List.of("$schema", "$id"));
			if (definitions != null) {
				definitions.fields()
					.forEachRemaining((definition) -> schemas.put(componentName(definition.getKey()),
							toSchema(file, definition.getValue())));
			}
			schemas.put(schema.path("title").asText(), toSchema(file, schema));
		}
		return schemas;
	}

	private static JsonNode read(ContractSchema file) {
		try (InputStream in = ContractSchema.class.getResourceAsStream(file.resourcePath())) {
			return Json31.mapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Schema<?> toSchema(ContractSchema file, JsonNode schema) {
		return Json31.mapper().convertValue(pointedAtComponents(file, schema.deepCopy()), Schema.class);
	}

	/**
	 * {@code #/$defs/x} and {@code https://.../y.schema.json#/$defs/x} become components.
	 */
	private static JsonNode pointedAtComponents(ContractSchema file, JsonNode node) {
		if (node.isObject()) {
			ObjectNode object = (ObjectNode) node;
			JsonNode reference = object.get("$ref");
			if (reference != null) {
				object.set("$ref", TextNode.valueOf(SCHEMAS + referencedComponent(file, reference.asText())));
			}
			object.forEach((child) -> pointedAtComponents(file, child));
		}
		else if (node.isArray()) {
			node.forEach((child) -> pointedAtComponents(file, child));
		}
		return node;
	}

	private static String referencedComponent(ContractSchema file, String reference) {
		int fragment = reference.indexOf("#/$defs/");
		if (fragment >= 0) {
			return componentName(reference.substring(fragment + "#/$defs/".length()));
		}
		for (ContractSchema other : ContractSchema.values()) {
			if (other.id().equals(reference)) {
				return read(other).path("title").asText();
			}
		}
		throw new IllegalStateException(file.fileName() + " refers to " + reference + ", which is no component");
	}

	private static String componentName(String definition) {
		return Character.toUpperCase(definition.charAt(0)) + definition.substring(1);
	}

	/**
	 * Schemas springdoc derived from return types the document describes otherwise (the
	 * forwarded byte bodies, the overview that the contract's UserContracts describes).
	 */
	private static void dropUnreferencedSchemas(OpenAPI api) {
		JsonNode document = Json31.mapper().valueToTree(api);
		Set<String> reachable = new HashSet<>();
		Deque<JsonNode> pending = new ArrayDeque<>(List.of(document.path("paths")));
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			String reference = node.path("$ref").asText("");
			if (reference.startsWith(SCHEMAS) && reachable.add(reference.substring(SCHEMAS.length()))) {
				pending.push(document.path("components").path("schemas").path(reference.substring(SCHEMAS.length())));
			}
			node.forEach(pending::push);
		}
		Iterator<String> names = api.getComponents().getSchemas().keySet().iterator();
		while (names.hasNext()) {
			if (!reachable.contains(names.next())) {
				names.remove();
			}
		}
	}

}
