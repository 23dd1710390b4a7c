package de.check24.homewidgets.sdui;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Java records write the JSON the schemas describe, and read it back unchanged.
 */
class ContractRecordsTests {

	private static final Instant TIMESTAMP = Instant.parse("2025-01-15T10:30:00Z");

	private final ObjectMapper mapper = WidgetJson.newMapper();

	private final ContractValidator validator = ContractValidator.create();

	@Test
	void cardIsWrittenInSnakeCaseAndAcceptedBySchema() {
		JsonNode json = this.mapper.valueToTree(card());
		assertThat(json.has("widget_id")).isTrue();
		assertThat(json.get("component_type").asText()).isEqualTo("Card");
		assertThat(json.at("/data/image_url").asText()).isEqualTo("/images/car-insurance/devk-5c1e2f.svg");
		assertThat(json.at("/data/pricing/price").decimalValue()).isEqualByComparingTo("89.00");
		assertThat(json.at("/action/path").asText()).isEqualTo("/widget/car-insurance/contract");
		assertThat(this.validator.validate(ContractSchema.WIDGET, json)).isEmpty();
	}

	@Test
	void nullFieldsAreOmitted() {
		Widget widget = new Widget("fallback_error_card", ComponentType.CARD, 0,
				WidgetData.of("Service Temporarily Unavailable", null, "We're working on it. Please try again soon."));
		JsonNode json = this.mapper.valueToTree(widget);
		assertThat(json.properties()).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrder("widget_id", "component_type", "priority", "data");
		assertThat(json.get("data").properties()).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrder("title", "content");
		JsonNode pricing = this.mapper.valueToTree(new Pricing(new BigDecimal("249.00"), "€", null));
		assertThat(pricing.has("frequency")).isFalse();
		assertThat(this.validator.validate(ContractSchema.WIDGET, json)).isEmpty();
	}

	@Test
	void widgetsSurviveRoundTrip() throws Exception {
		for (Widget widget : List.of(card(), productGrid(), infoBox())) {
			String json = this.mapper.writeValueAsString(widget);
			assertThat(this.validator.validate(ContractSchema.WIDGET, this.mapper.readTree(json))).as(json).isEmpty();
			assertThat(this.mapper.readValue(json, Widget.class)).isEqualTo(widget);
		}
	}

	@Test
	void productResponseIsAcceptedBySchemaAndSurvivesRoundTrip() throws Exception {
		ProductResponse response = new ProductResponse(List.of(card(), productGrid()));
		String json = this.mapper.writeValueAsString(response);
		assertThat(this.validator.validate(ContractSchema.PRODUCT_RESPONSE, this.mapper.readTree(json))).isEmpty();
		assertThat(this.mapper.readValue(json, ProductResponse.class)).isEqualTo(response);
	}

	@Test
	void homeResponseIsWrittenInSnakeCaseWithItsSectionOrderAndAcceptedBySchema() throws Exception {
		Map<String, ServiceSection> services = new LinkedHashMap<>();
		services.put("car_insurance",
				new ServiceSection("Kfz-Versicherung", List.of(card().withService("car_insurance"))));
		services.put("health_insurance",
				new ServiceSection("Krankenversicherung", List.of(infoBox().withService("health_insurance"))));
		services.put("house_insurance", new ServiceSection("Hausratversicherung", List.of()));
		services.put("banking", new ServiceSection("Konto & Karte", List.of(productGrid().withService("banking"))));
		HomeResponse response = HomeResponse.inOrder(services, false, TIMESTAMP, "sdui:home_page:v1:{user:123}");

		String json = this.mapper.writeValueAsString(response);
		JsonNode tree = this.mapper.readTree(json);
		assertThat(tree.get("cache_key").asText()).isEqualTo("sdui:home_page:v1:{user:123}");
		assertThat(tree.get("timestamp").asText()).isEqualTo("2025-01-15T10:30:00Z");
		assertThat(tree.get("section_order")).extracting(JsonNode::asText)
			.containsExactly("car_insurance", "health_insurance", "house_insurance", "banking");
		assertThat(tree.get("provisional").isBoolean()).isTrue();
		assertThat(tree.at("/services/banking/widgets/0/service").asText()).isEqualTo("banking");
		assertThat(this.validator.validate(ContractSchema.HOME_RESPONSE, tree)).isEmpty();
		assertThat(this.mapper.readValue(json, HomeResponse.class)).isEqualTo(response);
	}

	@Test
	void sectionOrderDecidesTheOrderNotTheMap() throws Exception {
		Map<String, ServiceSection> services = Map.of("banking", new ServiceSection("Konto & Karte", List.of()),
				"electricity", new ServiceSection("Strom", List.of()));
		HomeResponse response = new HomeResponse(services, List.of("electricity", "banking"), true, TIMESTAMP,
				"sdui:home_page:v1:{anonymous}");
		JsonNode tree = this.mapper.valueToTree(response);
		assertThat(tree.get("section_order")).extracting(JsonNode::asText).containsExactly("electricity", "banking");
		assertThat(tree.get("provisional").asBoolean()).isTrue();
		assertThat(this.validator.validate(ContractSchema.HOME_RESPONSE, tree)).isEmpty();
	}

	@Test
	void aHomeWhoseSectionOrderIsNotItsSectionsCannotBeBuilt() {
		Map<String, ServiceSection> services = new LinkedHashMap<>();
		services.put("car_insurance", new ServiceSection("Kfz-Versicherung", List.of()));
		services.put("banking", new ServiceSection("Konto & Karte", List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HomeResponse(services, List.of("car_insurance"), false, TIMESTAMP, "k"))
			.withMessageContaining("misses \"banking\"");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HomeResponse(services, List.of("car_insurance", "banking", "car_insurance"), false,
					TIMESTAMP, "k"))
			.withMessageContaining("names \"car_insurance\" twice");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new HomeResponse(services, List.of("car_insurance", "banking", "pets"), false, TIMESTAMP, "k"))
			.withMessageContaining("names \"pets\", which is not a section of services");
	}

	@Test
	void validatorRejectsAHomeWhoseSectionOrderMissesASection() throws Exception {
		JsonNode home = this.mapper.readTree("""
				{"section_order":["car_insurance"],"provisional":false,"timestamp":"2025-01-15T10:30:00Z",
				 "cache_key":"k","services":{"car_insurance":{"title":"Kfz","widgets":[]},
				 "banking":{"title":"Konto","widgets":[]}}}
				""");
		assertThat(this.validator.validate(ContractSchema.HOME_RESPONSE, home))
			.containsExactly("$.section_order: misses \"banking\", a section of services");
	}

	@Test
	void userContractsAreWrittenWithANullPerProductWithoutContractAndAcceptedBySchema() throws Exception {
		Map<String, UserContracts.UserContract> contracts = new LinkedHashMap<>();
		contracts.put("car_insurance",
				new UserContracts.UserContract("car_insurance_devk_offer_123", card().data(), 789, TIMESTAMP));
		contracts.put("health_insurance", null);
		contracts.put("banking", new UserContracts.UserContract("banking_giro_1", null, 5, null));
		UserContracts response = new UserContracts(true, contracts, List.of("house_insurance"));

		String json = this.mapper.writeValueAsString(response);
		JsonNode tree = this.mapper.readTree(json);
		assertThat(tree.get("has_contract").asBoolean()).isTrue();
		assertThat(tree.at("/contracts/health_insurance").isNull()).isTrue();
		assertThat(tree.at("/contracts/car_insurance/created_at").asText()).isEqualTo("2025-01-15T10:30:00Z");
		assertThat(tree.at("/contracts/banking").properties()).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrder("widget_id", "contract_id");
		assertThat(tree.get("unavailable_services")).extracting(JsonNode::asText).containsExactly("house_insurance");
		assertThat(this.validator.validate(ContractSchema.USER_CONTRACTS, tree)).isEmpty();
		assertThat(this.mapper.readValue(json, UserContracts.class)).isEqualTo(response);
	}

	@Test
	void contractEventIsWrittenInSnakeCaseAndAcceptedBySchema() throws Exception {
		ContractEvent event = new ContractEvent(ContractEventType.CONTRACT_CREATED, 123, "car_insurance_devk_offer_123",
				TIMESTAMP, 789, null);
		String json = this.mapper.writeValueAsString(event);
		JsonNode tree = this.mapper.readTree(json);
		assertThat(tree.properties()).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrder("event_type", "user_id", "widget_id", "timestamp", "contract_id");
		assertThat(tree.get("event_type").asText()).isEqualTo("contract_created");
		assertThat(tree.get("user_id").isIntegralNumber()).isTrue();
		assertThat(this.validator.validate(ContractSchema.CONTRACT_EVENT, tree)).isEmpty();
		assertThat(this.mapper.readValue(json, ContractEvent.class)).isEqualTo(event);
	}

	@Test
	void enumsUseTheirWireNames() throws Exception {
		assertThat(this.mapper.writeValueAsString(ContractEventType.CONTRACT_CREATED))
			.isEqualTo("\"contract_created\"");
		assertThat(this.mapper.writeValueAsString(ContractEventType.CONTRACT_DELETED))
			.isEqualTo("\"contract_deleted\"");
		assertThat(this.mapper.writeValueAsString(ComponentType.PRODUCT_GRID)).isEqualTo("\"ProductGrid\"");
		assertThat(this.mapper.readValue("\"InfoBox\"", ComponentType.class)).isEqualTo(ComponentType.INFO_BOX);
		assertThat(this.mapper.readValue("\"contract_deleted\"", ContractEventType.class))
			.isEqualTo(ContractEventType.CONTRACT_DELETED);
	}

	@Test
	void enumsMatchTheSchemaEnums() throws Exception {
		JsonNode widgetSchema = schema(ContractSchema.WIDGET);
		assertThat(widgetSchema.at("/properties/component_type/enum"))
			.containsExactlyElementsOf(this.mapper.valueToTree(ComponentType.values()));
		JsonNode eventSchema = schema(ContractSchema.CONTRACT_EVENT);
		assertThat(eventSchema.at("/properties/event_type/enum"))
			.containsExactlyElementsOf(this.mapper.valueToTree(ContractEventType.values()));
	}

	@Test
	void unknownComponentTypeFailsClearly() {
		String json = """
				{"widget_id":"car_offer_1","component_type":"Carousel","priority":1,"data":{"title":"Kfz"}}
				""";
		assertThatExceptionOfType(JsonMappingException.class)
			.isThrownBy(() -> this.mapper.readValue(json, Widget.class))
			.withMessageContaining("Unknown component_type 'Carousel'");
	}

	@Test
	void unknownDataFieldsAreIgnoredWhenReading() throws Exception {
		// The schema lets data grow; readers built against an older contract must cope.
		String json = """
				{"widget_id":"car_offer_1","component_type":"Card","priority":1,
				 "data":{"title":"Kfz-Versicherung DEVK","monthly_savings":12.5}}
				""";
		assertThat(this.mapper.readValue(json, Widget.class).data().title()).isEqualTo("Kfz-Versicherung DEVK");
	}

	private JsonNode schema(ContractSchema schema) throws Exception {
		try (var in = ContractRecordsTests.class.getResourceAsStream(schema.resourcePath())) {
			return this.mapper.readTree(in);
		}
	}

	private static Widget card() {
		WidgetData data = new WidgetData("Kfz-Versicherung DEVK", "Top-Angebot für Ihren VW Golf",
				"Ab 89€/Monat. Vollkasko. Jetzt sparen.", "/images/car-insurance/devk-5c1e2f.svg",
				new Pricing(new BigDecimal("89.00"), "€", "Monat"), new Rating(4.8), "Testsieger",
				List.of("Rabattschutz inklusive", "Monatlich kündbar"), null, null);
		return new Widget("car_insurance_devk_offer_123", ComponentType.CARD, 1, data,
				WidgetAction.purchase("car-insurance", "Jetzt abschließen"), null);
	}

	private static Widget productGrid() {
		List<ProductTile> tiles = List.of(
				new ProductTile("Barclays Visa", "Weltweit gebührenfrei bezahlen",
						"https://cdn.homewidgets.example/images/banking/barclays-visa-0b7d41.svg",
						new Pricing(new BigDecimal("0.00"), "€", "Jahr"), new Rating(4.6)),
				new ProductTile("DKB Visa Debitkarte", null, null, null, null));
		WidgetData data = new WidgetData("Kreditkarten im Vergleich", null, null, null, null, null, null, null, null,
				tiles);
		return new Widget("banking_credit_cards_grid", ComponentType.PRODUCT_GRID, 2, data);
	}

	private static Widget infoBox() {
		WidgetData data = new WidgetData("Zusatzbeitrag 2025", null,
				"Viele Krankenkassen erhöhen 2025 den Zusatzbeitrag.", null, null, null, null, null, "info", null);
		return new Widget("health_insurance_info_beitrag_2025", ComponentType.INFO_BOX, 3, data);
	}

}
