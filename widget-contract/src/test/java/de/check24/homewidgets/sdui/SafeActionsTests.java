package de.check24.homewidgets.sdui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * A widget is data from a product service, so the schema keeps it from turning a client
 * against its user: a purchase goes only to the core's contract routes with POST, and
 * links and images are http(s) or relative. The core drops widgets that break these
 * rules, as it does any invalid widget.
 */
class SafeActionsTests {

	private static final ObjectMapper mapper = WidgetJson.newMapper();

	private static final ContractValidator validator = ContractValidator.create();

	@Nested
	class Purchase {

		@ParameterizedTest
		@ValueSource(strings = { "/widget/car-insurance/contract", "/widget/banking/contract",
				"/widget/electricity/contract", "/widget/e2/contract" })
		void goesToTheCoresContractRoute(String path) {
			assertThat(validator.validate(ContractSchema.WIDGET, purchase("POST", path))).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "https://attacker.example/widget/car-insurance/contract",
				"http://attacker.example/widget/car-insurance/contract",
				"//attacker.example/widget/car-insurance/contract",
				"/\\attacker.example/widget/car-insurance/contract" })
		void cannotSendTheUsersTokenToAnotherHost(String path) {
			assertThat(validator.validate(ContractSchema.WIDGET, purchase("POST", path))).singleElement(STRING)
				.startsWith("$.action.path");
		}

		@ParameterizedTest
		@ValueSource(strings = { "/cache/invalidate", "/user/456/contracts", "/widget/car-insurance/contract/456/x",
				"/widget/car-insurance/contract?user_id=456", "/widget/car-insurance/contract/",
				"/widget/../user/456/contract", "/widget/Car-Insurance/contract", "widget/car-insurance/contract",
				"/widget//contract", "/widget/-/contract" })
		void cannotReachAnotherRouteOfTheCore(String path) {
			assertThat(validator.validate(ContractSchema.WIDGET, purchase("POST", path))).singleElement(STRING)
				.startsWith("$.action.path");
		}

		@ParameterizedTest
		@ValueSource(strings = { "GET", "DELETE" })
		void cannotUseAnotherMethod(String method) {
			assertThat(validator.validate(ContractSchema.WIDGET, purchase(method, "/widget/car-insurance/contract")))
				.singleElement(STRING)
				.startsWith("$.action.method");
		}

	}

	@Nested
	class LinksAndImages {

		@ParameterizedTest
		@ValueSource(strings = { "https://www.check24.de/kfz-versicherung/", "http://localhost:8080/images/a.svg",
				"https://cdn.homewidgets.example/images/banking/barclays-visa-0b7d41.svg",
				"/images/car-insurance/devk-5c1e2f.svg", "/", "assets/images/companies/huk24.svg", "./devk.svg",
				"../devk.svg", "devk.svg?v=2", "devk.svg#logo", "/images/a:b.svg" })
		void mayBeHttpOrRelative(String url) {
			assertThat(validator.validate(ContractSchema.WIDGET, link(url))).isEmpty();
			assertThat(validator.validate(ContractSchema.WIDGET, image(url))).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)",
				"java\tscript:alert(1)", "java\nscript:alert(1)", "\u0001javascript:alert(1)", "vbscript:msgbox(1)",
				"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
				"data:image/svg+xml,<svg onload=alert(1)>", "file:///etc/passwd", "blob:https://x/1", "ftp://x/y",
				"//attacker.example/phish", "/\\attacker.example/phish", "\\\\attacker.example\\phish",
				"https:attacker.example", "https://", "HTTPS://www.check24.de/", "" })
		void cannotRunScriptOrLeaveTheWeb(String url) {
			assertThat(validator.validate(ContractSchema.WIDGET, link(url))).singleElement(STRING)
				.startsWith("$.action.path");
			assertThat(validator.validate(ContractSchema.WIDGET, image(url))).singleElement(STRING)
				.startsWith("$.data.image_url");
		}

	}

	private static JsonNode purchase(String method, String path) {
		return action("purchase", method, path);
	}

	private static JsonNode link(String url) {
		return action("link", "GET", url);
	}

	private static JsonNode image(String url) {
		ObjectNode widget = widget();
		((ObjectNode) widget.get("data")).put("image_url", url);
		return widget;
	}

	private static JsonNode action(String type, String method, String path) {
		ObjectNode widget = widget();
		widget.putObject("action").put("type", type).put("label", "Go").put("method", method).put("path", path);
		return widget;
	}

	private static ObjectNode widget() {
		ObjectNode widget = mapper.createObjectNode()
			.put("widget_id", "car_insurance_devk_offer_123")
			.put("component_type", "Card")
			.put("priority", 1);
		widget.putObject("data").put("title", "Kfz-Versicherung DEVK");
		return widget;
	}

}
