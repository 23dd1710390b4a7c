package de.check24.homewidgets.product;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.product.ProductHttp.Response;
import de.check24.homewidgets.sdui.ContractEvent;
import de.check24.homewidgets.sdui.ContractEventType;
import de.check24.homewidgets.sdui.ContractSchema;
import de.check24.homewidgets.sdui.ContractValidator;
import de.check24.homewidgets.sdui.ProductResponse;
import de.check24.homewidgets.sdui.ProductTile;
import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.sdui.WidgetJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves a product service through its HTTP API against real PostgreSQL and Kafka. Each
 * product module extends this once (e.g. {@code CarInsuranceServiceIntegrationTests}), so
 * every service passes the same suite without copying it. The suite reads the
 * expectations it needs (generic and targeted widgets, purchasable offers) from the
 * service's own seed data. Every request carries a token signed the way the core signs
 * them ({@link CoreTokens}), for the user the request names.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = ProductServiceUnderTest.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "product.core.base-url=http://127.0.0.1:9")
@ActiveProfiles("local")
public abstract class ProductServiceIntegrationTests {

	/** A user no test request is about; stands in for "some logged-in user". */
	private static final long BYSTANDER = 999_999_999;

	private static final Pattern NAMED_USER = Pattern
		.compile("(?:[?&]user_id=|/contract/|\"user_id\"\\s*:\\s*)(\\d+)(?=$|[&/,}\\s])");

	private static final String PROBLEMS = "https://homewidgets.check24.de/problems/";

	private static final ObjectMapper json = WidgetJson.newMapper();

	private static final ContractValidator validator = ContractValidator.create();

	/** Users the tests buy for, far from the seeded 123 and 456. */
	private static final AtomicLong users = new AtomicLong(900_000);

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ProductProperties product;

	@Value("${spring.application.name}")
	private String applicationName;

	@Autowired
	private RankingPolicy ranking;

	@Autowired
	private JdbcTemplate jdbc;

	private ProductHttp http;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		EmbeddedInfrastructure.postgres(registry, "product_service_db");
		EmbeddedInfrastructure.kafka(registry);
		CoreTokens.register(registry);
	}

	@BeforeEach
	void startEachTestWithoutContracts() {
		this.http = ProductHttp.to(this.port);
		this.jdbc.update("DELETE FROM contracts");
	}

	@Nested
	class GetWidgets {

		@Test
		void servesOnlyGenericWidgetsToAnonymousVisitors() {
			Response response = get(widgetsPath());

			assertThat(response.status()).isEqualTo(200);
			assertThat(widgetIds(response)).containsExactlyInAnyOrderElementsOf(genericWidgetIds()).isNotEmpty();
		}

		@ParameterizedTest
		@ValueSource(longs = { 123, 456 })
		void servesGenericAndTheUsersOwnTargetedWidgets(long userId) {
			List<String> expected = new ArrayList<>(genericWidgetIds());
			expected.addAll(targetedWidgetIds(userId));

			Response response = get(widgetsPath() + "?user_id=" + userId);

			assertThat(targetedWidgetIds(userId)).as("seeded widgets targeted at user %d", userId).isNotEmpty();
			assertThat(widgetIds(response)).containsExactlyInAnyOrderElementsOf(expected);
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "?user_id=123", "?user_id=456" })
		void servesWidgetsTheContractSchemaAccepts(String query) {
			Response response = get(widgetsPath() + query);

			assertThat(validator.validate(ContractSchema.PRODUCT_RESPONSE, response.body())).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(longs = { 123, 456 })
		void ranksWidgetsByTheProductsPolicyAndNumbersThemByRank(long userId) {
			List<Widget> served = productResponse(get(widgetsPath() + "?user_id=" + userId)).widgets();

			assertThat(served).extracting(Widget::priority)
				.containsExactlyElementsOf(IntStream.rangeClosed(1, served.size()).boxed().toList());
			assertThat(TestWidgets.ids(ProductServiceIntegrationTests.this.ranking.rank(served)))
				.containsExactlyElementsOf(TestWidgets.ids(served));
		}

		@Test
		void servesNoWidgetsToAnExistingCustomer() {
			long userId = users.incrementAndGet();
			purchase(userId, genericOffer());

			Response response = get(widgetsPath() + "?user_id=" + userId);

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().path("widgets").isArray()).isTrue();
			assertThat(response.body().path("widgets")).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "abc", "0", "-5", "1.5" })
		void rejectsAUserIdThatIsNotAPositiveNumber(String userId) {
			assertProblem(get(widgetsPath() + "?user_id=" + userId), 400, "invalid-request");
		}

		@Test
		void answersNotFoundForAnotherServicesKey() {
			assertProblem(get("/widget/not-" + key()), 404, "unknown-service");
		}

		@Test
		void answersNotFoundForAnUnknownPath() {
			assertProblem(get(widgetsPath() + "/nothing/here"), 404, "not-found");
		}

	}

	@Nested
	class PurchaseContract {

		@Test
		void storesTheContractAndAnswersCreatedWithItsLocation() {
			long userId = users.incrementAndGet();
			String widgetId = genericOffer();

			Response response = post(contractPath(), purchaseBody(userId, widgetId));

			assertThat(response.status()).isEqualTo(201);
			long contractId = response.body().path("contract_id").asLong();
			assertThat(contractId).isPositive();
			assertThat(response.body().path("message").asText()).isNotBlank();
			assertThat(response.headers().getLocation()).hasToString(contractPath() + "/" + userId);
			assertThat(ProductServiceIntegrationTests.this.jdbc.queryForObject(
					"SELECT count(*) FROM contracts WHERE id = ? AND user_id = ? AND widget_id = ?", Integer.class,
					contractId, userId, widgetId))
				.isOne();
		}

		@Test
		void letsAUserBuyAnOfferTargetedAtThem() {
			String targeted = purchasableOffers(123).stream()
				.filter(targetedWidgetIds(123)::contains)
				.findFirst()
				.orElse(genericOffer());

			assertThat(post(contractPath(), purchaseBody(123, targeted)).status()).isEqualTo(201);
		}

		@Test
		void publishesContractCreatedToTheProductsTopic() {
			long userId = users.incrementAndGet();
			String widgetId = genericOffer();
			long contractId = purchase(userId, widgetId);

			try (ContractEvents events = ContractEvents.on(LocalKafka.shared().bootstrapServers(), topic())) {
				ConsumerRecord<String, String> record = events.awaitEventFor(contractId, "contract_created",
						Duration.ofSeconds(30));

				assertThat(record.key()).isEqualTo(String.valueOf(userId));
				ContractEvent event = ContractEvents.event(record);
				assertThat(event.eventType()).isEqualTo(ContractEventType.CONTRACT_CREATED);
				assertThat(event.userId()).isEqualTo(userId);
				assertThat(event.widgetId()).isEqualTo(widgetId);
				assertThat(event.service()).isEqualTo(key());
				assertThat(event.timestamp()).isNotNull();
			}
		}

		@Test
		void answersConflictNamingTheExistingContractWhenBoughtTwice() {
			long userId = users.incrementAndGet();
			String widgetId = genericOffer();
			long contractId = purchase(userId, widgetId);

			Response response = post(contractPath(), purchaseBody(userId, widgetId));

			assertProblem(response, 409, "contract-already-exists");
			assertThat(response.body().path("contract_id").asLong()).isEqualTo(contractId);
			assertThat(response.body().path("detail").asText()).contains(String.valueOf(contractId));
		}

		@Test
		void answersNotFoundForAnUnknownWidget() {
			assertProblem(post(contractPath(), purchaseBody(users.incrementAndGet(), "no_such_offer")), 404,
					"widget-not-found");
		}

		@Test
		void answersNotFoundForAWidgetTargetedAtAnotherUser() {
			String targetedAt123 = targetedWidgetIds(123).get(0);

			assertProblem(post(contractPath(), purchaseBody(users.incrementAndGet(), targetedAt123)), 404,
					"widget-not-found");
		}

		@Test
		void answersNotFoundForAnotherServicesKey() {
			assertProblem(post("/widget/not-" + key() + "/contract", purchaseBody(1, genericOffer())), 404,
					"unknown-service");
		}

		@ParameterizedTest
		@ValueSource(strings = { "{\"user_id\": 1,", "not json", "", "[]" })
		void rejectsMalformedJson(String body) {
			assertProblem(post(contractPath(), body), 400, "invalid-request");
		}

		@ParameterizedTest
		@ValueSource(strings = { "{}", "{\"widget_id\": \"x\"}", "{\"user_id\": 7}",
				"{\"user_id\": 7, \"widget_id\": \"\"}", "{\"user_id\": null, \"widget_id\": \"x\"}" })
		void rejectsMissingIds(String body) {
			assertProblem(post(contractPath(), body), 400, "invalid-request");
		}

		@ParameterizedTest
		@ValueSource(strings = { "\"abc\"", "\"7\"", "1.5", "0", "-3", "true", "99999999999999999999999" })
		void rejectsAUserIdThatIsNotAPositiveNumber(String userId) {
			String body = "{\"user_id\": " + userId + ", \"widget_id\": \"" + genericOffer() + "\"}";

			assertProblem(post(contractPath(), body), 400, "invalid-request");
		}

	}

	@Nested
	class CancelContract {

		@Test
		void cancelsTheContractAndTheOffersComeBack() {
			long userId = users.incrementAndGet();
			String widgetId = genericOffer();
			long contractId = purchase(userId, widgetId);

			Response response = delete(contractPath() + "/" + userId + "/" + widgetId);

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().path("contract_id").asLong()).isEqualTo(contractId);
			assertThat(response.body().path("message").asText()).isNotBlank();
			assertThat(widgetIds(get(widgetsPath() + "?user_id=" + userId))).containsAll(genericWidgetIds());
			assertProblem(get(contractPath() + "/" + userId), 404, "contract-not-found");
		}

		@Test
		void publishesContractDeletedToTheProductsTopic() {
			long userId = users.incrementAndGet();
			String widgetId = genericOffer();
			long contractId = purchase(userId, widgetId);
			delete(contractPath() + "/" + userId + "/" + widgetId);

			try (ContractEvents events = ContractEvents.on(LocalKafka.shared().bootstrapServers(), topic())) {
				ContractEvent event = ContractEvents
					.event(events.awaitEventFor(contractId, "contract_deleted", Duration.ofSeconds(30)));

				assertThat(event.eventType()).isEqualTo(ContractEventType.CONTRACT_DELETED);
				assertThat(event.userId()).isEqualTo(userId);
				assertThat(event.widgetId()).isEqualTo(widgetId);
			}
		}

		@Test
		void answersNotFoundWithoutSuchContract() {
			assertProblem(delete(contractPath() + "/" + users.incrementAndGet() + "/" + genericOffer()), 404,
					"contract-not-found");
		}

		@ParameterizedTest
		@ValueSource(strings = { "abc", "0", "-1" })
		void rejectsAUserIdThatIsNotAPositiveNumber(String userId) {
			assertProblem(delete(contractPath() + "/" + userId + "/" + genericOffer()), 400, "invalid-request");
		}

		@Test
		void answersNotFoundForAnotherServicesKey() {
			assertProblem(delete("/widget/not-" + key() + "/contract/1/" + genericOffer()), 404, "unknown-service");
		}

	}

	@Nested
	class GetContracts {

		@Test
		void listsTheUsersActiveContractsWithTheirWidgetData() {
			long userId = users.incrementAndGet();
			String widgetId = genericOffer();
			long contractId = purchase(userId, widgetId);

			Response response = get(contractPath() + "/" + userId);

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().path("user_id").asLong()).isEqualTo(userId);
			JsonNode contract = response.body().path("contracts").get(0);
			assertThat(response.body().path("contracts")).hasSize(1);
			assertThat(contract.path("contract_id").asLong()).isEqualTo(contractId);
			assertThat(contract.path("widget_id").asText()).isEqualTo(widgetId);
			assertThat(contract.path("component_type").asText()).isNotBlank();
			assertThat(contract.path("data").path("title").asText()).isNotBlank();
			assertThat(contract.path("created_at").asText()).isNotBlank();
		}

		@Test
		void answersNotFoundForAUserWithoutContracts() {
			assertProblem(get(contractPath() + "/" + users.incrementAndGet()), 404, "contract-not-found");
		}

		@Test
		void rejectsANonNumericUserId() {
			assertProblem(get(contractPath() + "/abc"), 400, "invalid-request");
		}

	}

	@Nested
	class Images {

		private final HttpClient browser = HttpClient.newHttpClient();

		@Test
		void servesEverySeededWidgetsImageAsAnImmutableContentHashedSvg() throws Exception {
			List<String> urls = servedImageUrls();

			assertThat(urls).as("image URLs in the seed data").isNotEmpty();
			for (String url : urls) {
				assertThat(url).matches("/images/" + key() + "/[a-z0-9-]+-[0-9a-f]{32}\\.svg");
				HttpResponse<byte[]> image = fetch(url, null);
				assertThat(image.statusCode()).as(url).isEqualTo(200);
				assertThat(image.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
				assertThat(image.headers().firstValue("Cache-Control").orElseThrow()).contains("public")
					.contains("max-age=31536000")
					.contains("immutable");
				assertThat(image.headers().firstValue("ETag")).isPresent();
				assertThat(svgRoot(image.body())).as(url).isEqualTo("svg");
			}
		}

		@Test
		void answersNotModifiedToARevalidationOfAnUnchangedImage() throws Exception {
			String url = servedImageUrls().get(0);
			String etag = fetch(url, null).headers().firstValue("ETag").orElseThrow();

			assertThat(fetch(url, etag).statusCode()).isEqualTo(304);
		}

		@Test
		void servesNoImageUnderANameWithoutItsContentHash() throws Exception {
			String unversioned = servedImageUrls().get(0).replaceAll("-[0-9a-f]{32}\\.svg$", ".svg");

			assertThat(fetch(unversioned, null).statusCode()).isEqualTo(404);
		}

		private List<String> servedImageUrls() {
			return Stream.of(widgetsPath(), widgetsPath() + "?user_id=123", widgetsPath() + "?user_id=456")
				.flatMap((path) -> productResponse(get(path)).widgets().stream())
				.flatMap((widget) -> Stream.concat(Stream.of(widget.data().imageUrl()),
						Stream.ofNullable(widget.data().items()).flatMap(List::stream).map(ProductTile::imageUrl)))
				.filter(Objects::nonNull)
				.distinct()
				.toList();
		}

		/** As a browser or the CDN fetches it: no token. */
		private HttpResponse<byte[]> fetch(String path, String ifNoneMatch) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
			if (ifNoneMatch != null) {
				request.header("If-None-Match", ifNoneMatch);
			}
			return this.browser.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}

		private static String svgRoot(byte[] svg) throws Exception {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setNamespaceAware(true);
			return factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(svg))
				.getDocumentElement()
				.getLocalName();
		}

	}

	@Nested
	class Health {

		@Test
		void reportsUp() {
			Response response = get("/health");

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().path("status").asText()).isEqualTo("UP");
			assertThat(response.body().path("service").asText()).isEqualTo(key());
		}

		@Test
		void exposesActuatorHealthAndPrometheusMetricsOnTheManagementPortOnly() {
			RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
			JsonNode readiness = management.get().uri("/actuator/health/readiness").retrieve().body(JsonNode.class);
			assertThat(readiness.path("status").asText()).isEqualTo("UP");
			assertThat(management.get().uri("/actuator/prometheus").retrieve().body(String.class))
				.contains("jvm_memory_used_bytes");
			assertProblem(get("/actuator/prometheus"), 404, "not-found");
		}

		@Test
		void exposesTheMetricsTheAlertsAndDashboardsUse() {
			get(widgetsPath());

			String metrics = RestClient.create("http://127.0.0.1:" + managementPort)
				.get()
				.uri("/actuator/prometheus")
				.retrieve()
				.body(String.class);

			assertThat(metrics).contains("product_widgets_generation_seconds_count{")
				.contains("product_widgets_generation_seconds_bucket{")
				.contains("product_outbox_publish_delay_seconds_count{")
				.contains("product_outbox_backlog{")
				.contains("product_outbox_parked_total{")
				.contains("spring_data_repository_invocations_seconds_count{")
				.contains("hikaricp_connections_active{")
				.contains("hikaricp_connections_max{")
				.contains("hikaricp_connections_pending{")
				.contains("http_server_requests_seconds_bucket{")
				.contains("application=\"" + ProductServiceIntegrationTests.this.applicationName + "\"");
		}

	}

	private String key() {
		return this.product.key();
	}

	private String topic() {
		return this.product.topic();
	}

	private String widgetsPath() {
		return "/widget/" + key();
	}

	private String contractPath() {
		return widgetsPath() + "/contract";
	}

	private List<String> genericWidgetIds() {
		return this.jdbc.queryForList("SELECT widget_id FROM widgets WHERE user_id IS NULL", String.class);
	}

	private List<String> targetedWidgetIds(long userId) {
		return this.jdbc.queryForList("SELECT widget_id FROM widgets WHERE user_id = ? ORDER BY widget_id",
				String.class, userId);
	}

	/** A generic offer with a purchase action, as a client would find it. */
	private String genericOffer() {
		return purchasableOffers(null).stream()
			.findFirst()
			.orElseThrow(() -> new AssertionError("The seed data offers nothing anonymous visitors can buy"));
	}

	private List<String> purchasableOffers(Integer userId) {
		String query = (userId != null) ? "?user_id=" + userId : "";
		return productResponse(get(widgetsPath() + query)).widgets()
			.stream()
			.filter((widget) -> widget.action() != null && "purchase".equals(widget.action().type()))
			.map(Widget::widgetId)
			.toList();
	}

	private long purchase(long userId, String widgetId) {
		Response response = post(contractPath(), purchaseBody(userId, widgetId));
		assertThat(response.status()).as("purchase of %s by %d: %s", widgetId, userId, response.body()).isEqualTo(201);
		return response.body().path("contract_id").asLong();
	}

	private static String purchaseBody(long userId, String widgetId) {
		return "{\"user_id\": " + userId + ", \"widget_id\": \"" + widgetId + "\"}";
	}

	private static List<String> widgetIds(Response response) {
		assertThat(response.status()).isEqualTo(200);
		return TestWidgets.ids(productResponse(response).widgets());
	}

	private static ProductResponse productResponse(Response response) {
		try {
			return json.treeToValue(response.body(), ProductResponse.class);
		}
		catch (JsonProcessingException ex) {
			throw new AssertionError("Not a product response: " + response.body(), ex);
		}
	}

	private static void assertProblem(Response response, int status, String type) {
		ProductHttp.assertProblem(response, status, type);
	}

	private Response get(String path) {
		return exchange(HttpMethod.GET, path, null);
	}

	private Response post(String path, String body) {
		return exchange(HttpMethod.POST, path, body);
	}

	private Response delete(String path) {
		return exchange(HttpMethod.DELETE, path, null);
	}

	private Response exchange(HttpMethod method, String path, String body) {
		return this.http.call(method, path, tokenFor(method, path, body), body);
	}

	/**
	 * Signs as the core would: for the user the request names in its query, path or body;
	 * the generic widget list anonymously; anything else for a bystander.
	 */
	private String tokenFor(HttpMethod method, String path, String body) {
		OptionalLong named = namedUser(path + " " + ((body != null) ? body : ""));
		if (named.isPresent()) {
			return CoreTokens.shared().forUser(key(), named.getAsLong());
		}
		if (HttpMethod.GET.equals(method) && path.startsWith("/widget/") && path.indexOf('/', 8) < 0) {
			return CoreTokens.shared().anonymous(key());
		}
		return CoreTokens.shared().forUser(key(), BYSTANDER);
	}

	private static OptionalLong namedUser(String request) {
		Matcher matcher = NAMED_USER.matcher(request);
		while (matcher.find()) {
			try {
				long id = Long.parseLong(matcher.group(1));
				if (id > 0) {
					return OptionalLong.of(id);
				}
			}
			catch (NumberFormatException ex) {
				// too large to be a user id; the service answers it with a 400
			}
		}
		return OptionalLong.empty();
	}

}
