package de.check24.homewidgets.product.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document of the product API at {@code /v3/api-docs}: the same for every
 * product (the key is a path parameter), with the core's bearer token and the problem
 * responses every operation can give. Safe to publish: it describes what callers already
 * see.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String CORE_TOKEN = "coreToken";

	static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	@Bean
	OpenAPI productServiceApi() {
		return new OpenAPI()
			.info(new Info().title("Home Widgets product service")
				.version("1")
				.description("What every product service (car-insurance, health-insurance, house-insurance, "
						+ "banking, ...) offers the core: its widgets and its users' contracts. Only the core "
						+ "calls it, with a token it signs per call."))
			.components(new Components().addSecuritySchemes(CORE_TOKEN,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("Signed by the core per call: ES256, iss home-core, aud = the product "
								+ "key, sub = the user the core acts for (absent for the anonymous home), "
								+ "at most 5 minutes.")))
			.addSecurityItem(new SecurityRequirement().addList(CORE_TOKEN));
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		// the schema is added here: springdoc replaces the OpenAPI bean's component
		// schemas
		// with the ones it derives, which left every problem response pointing nowhere
		return (api) -> api.schema(PROBLEM, problemSchema()).getPaths().forEach((path, item) -> {
			if ("/health".equals(path)) {
				item.readOperations().forEach(ApiDocumentation::public_);
				return;
			}
			item.readOperationsMap().forEach((method, operation) -> {
				describeServiceKey(path, operation);
				ApiResponses responses = operation.getResponses();
				responses.addApiResponse("400", problem("The request is malformed: " + ProblemTypes.INVALID_REQUEST
						+ ", " + ProblemTypes.REQUEST_TOO_LARGE));
				responses.addApiResponse("401",
						problem("No token of the core, or one that fails a check: " + ProblemTypes.of("unauthorized")));
				responses.addApiResponse("403",
						problem("The request names another user than the token: " + ProblemTypes.of("foreign-user")));
				responses.addApiResponse("404", problem("Another product's key, an unknown offer or contract"));
				if (method == PathItem.HttpMethod.POST) {
					responses.addApiResponse("409", problem("The user already holds this contract"));
				}
				responses.addApiResponse("406", problem("An Accept header without application/json"));
				if (method == PathItem.HttpMethod.POST) {
					responses.addApiResponse("415", problem("A body that is not application/json"));
				}
				responses.addApiResponse("503",
						problem("The product's database is unreachable: " + ProblemTypes.DATABASE_UNAVAILABLE));
			});
		});
	}

	private static void public_(Operation operation) {
		operation.setSecurity(List.of());
		operation.getResponses()
			.addApiResponse("401", problem("A bearer token was sent and fails a check (none is needed)"))
			.addApiResponse("406", problem("An Accept header without application/json"))
			.addApiResponse("503", new ApiResponse().description("The service cannot serve (database unreachable)"));
	}

	/**
	 * Every path names the service key, but not every handler binds it (the key is
	 * checked before handlers run), so it is declared here once.
	 */
	private static void describeServiceKey(String path, Operation operation) {
		if (!path.contains("{" + ServiceKeyCheck.SERVICE_KEY + "}")) {
			return;
		}
		if (operation.getParameters() != null) {
			operation.getParameters().removeIf((parameter) -> ServiceKeyCheck.SERVICE_KEY.equals(parameter.getName()));
		}
		operation.addParametersItem(new PathParameter().name(ServiceKeyCheck.SERVICE_KEY)
			.description("This service's key, e.g. car-insurance; any other key is a 404")
			.schema(new StringSchema().pattern("^[a-z][a-z0-9-]*$")));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	@SuppressWarnings("rawtypes")
	private static Schema<?> problemSchema() {
		Map<String, Schema> properties = Map.of("type",
				new StringSchema().format("uri").description("Stable, e.g. " + ProblemTypes.INVALID_REQUEST), "title",
				new StringSchema(), "status", new IntegerSchema(), "detail", new StringSchema(), "instance",
				new StringSchema().format("uri-reference"));
		ObjectSchema schema = new ObjectSchema();
		schema.setProperties(new TreeMap<>(properties));
		schema.required(List.of("type", "title", "status"));
		schema.description("RFC 9457 problem details; extension members (user_id, widget_id, errors, ...) may follow");
		return schema;
	}

}
