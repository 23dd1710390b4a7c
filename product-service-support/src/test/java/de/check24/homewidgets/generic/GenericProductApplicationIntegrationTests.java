package de.check24.homewidgets.generic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.infrastructure.LocalPostgres;
import de.check24.homewidgets.product.ContractEvents;
import de.check24.homewidgets.product.CoreTokens;
import de.check24.homewidgets.product.ProductHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fifth product, {@code electricity}, from nothing but environment variables: its key,
 * topic, database, seed folder and image folder. Started the way its process would start
 * ({@code GenericProductApplication.main}'s application, arguments in place of the
 * environment).
 */
class GenericProductApplicationIntegrationTests {

	private static final Path SEED = Path.of("src/test/resources/electricity").toAbsolutePath();

	private static ConfigurableApplicationContext electricity;

	private static ProductHttp http;

	@BeforeAll
	static void startTheElectricityProduct() {
		LocalPostgres postgres = LocalPostgres.shared();
		postgres.createDatabase("electricity_db");
		electricity = GenericProductApplication.application()
			.run("--PRODUCT_KEY=electricity", "--PRODUCT_TOPIC=user.electricity.product.purchased",
					"--DB_NAME=electricity_db", "--PRODUCT_SEED_LOCATION=filesystem:" + SEED.resolve("db"),
					"--PRODUCT_IMAGES_LOCATION=file:" + SEED.resolve("images") + "/", "--DB_HOST=127.0.0.1",
					"--DB_PORT=" + postgres.port(), "--DB_USER=" + LocalPostgres.USER,
					"--DB_PASSWORD=" + LocalPostgres.PASSWORD, "--CORE_SERVICE_URL=http://127.0.0.1:9",
					"--KAFKA_BROKER=" + LocalKafka.shared().bootstrapServers(),
					"--CORE_JWKS_URI=" + CoreTokens.shared().jwkSetUri(), "--SERVER_PORT=0", "--MANAGEMENT_PORT=0",
					// the embedded PostgreSQL's password is a published one
					"--spring.profiles.active=local");
		http = ProductHttp.to(((WebServerApplicationContext) electricity).getWebServer().getPort());
	}

	@AfterAll
	static void stop() {
		electricity.close();
	}

	@Test
	void servesItsSeededWidgetsWithItsOwnImages() {
		ProductHttp.Response widgets = http.call(HttpMethod.GET, "/widget/electricity?user_id=123",
				CoreTokens.shared().forUser("electricity", 123), null);

		assertThat(widgets.status()).isEqualTo(200);
		List<String> ids = widgets.body().path("widgets").findValuesAsText("widget_id");
		assertThat(ids).containsExactly("electricity_section_header", "electricity_offer_stadtwerk_for_123",
				"electricity_offer_gruenwerk");
		String image = widgets.body().path("widgets").get(1).path("data").path("image_url").asText();
		assertThat(image).matches("/images/electricity/stadtwerk-[0-9a-f]{32}\\.svg");
		assertThat(http.call(HttpMethod.GET, image, null, null).status()).isEqualTo(200);
	}

	@Test
	void publishesPurchasesToItsOwnTopic() {
		ProductHttp.Response purchase = http.call(HttpMethod.POST, "/widget/electricity/contract",
				CoreTokens.shared().forUser("electricity", 620_001),
				"{\"user_id\": 620001, \"widget_id\": \"electricity_offer_gruenwerk\"}");

		assertThat(purchase.status()).isEqualTo(201);
		try (ContractEvents events = ContractEvents.on(LocalKafka.shared().bootstrapServers(),
				"user.electricity.product.purchased")) {
			assertThat(ContractEvents.event(events.awaitEventFor(purchase.body().path("contract_id").asLong(),
					"contract_created", Duration.ofSeconds(30)))
				.service()).isEqualTo("electricity");
		}
	}

}
