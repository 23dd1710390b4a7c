package de.check24.homewidgets.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlatformSettingsTests {

	private static final Path ROOT = Path.of("/checkout");

	@Test
	void runsOneCoreOnThePublicPortAndTheFourProductsByDefault() {
		PlatformSettings settings = PlatformSettings.from(Map.of(), List.of(), ROOT);

		assertThat(settings.replicas()).containsExactly(new CoreReplica("core-1", 8000, 9000));
		assertThat(settings.loadBalanced()).isFalse();
		assertThat(settings.products()).containsExactly(
				new PlatformProduct("car-insurance", "car-insurance-service", "car_insurance_db", 8001, 9001),
				new PlatformProduct("health-insurance", "health-insurance-service", "health_insurance_db", 8002, 9002),
				new PlatformProduct("house-insurance", "house-insurance-service", "house_insurance_db", 8003, 9003),
				new PlatformProduct("banking", "banking-service", "banking_db", 8004, 9004));
		assertThat(settings.adminPort()).isEqualTo(8099);
		assertThat(settings.kafkaAutoCreateTopics()).isFalse();
		assertThat(settings.home()).isEqualTo(ROOT.resolve(".local-platform"));
	}

	@Test
	void startsEveryServiceQuicklyUnlessToldToRunItLikeProduction() {
		PlatformSettings quick = PlatformSettings.from(Map.of(), List.of(), ROOT);
		assertThat(quick.javaOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
				"-Xmx512m");
		assertThat(quick.coreJavaOptions()).isEqualTo(quick.javaOptions());

		PlatformSettings production = PlatformSettings.from(Map.of("PLATFORM_JAVA_OPTIONS", " -Xms512m  -Xmx512m "),
				List.of(), ROOT);
		assertThat(production.javaOptions()).containsExactly("-Xms512m", "-Xmx512m");
		assertThat(production.coreJavaOptions()).containsExactly("-Xms512m", "-Xmx512m");

		PlatformSettings coreOnly = PlatformSettings.from(Map.of("PLATFORM_CORE_JAVA_OPTIONS", "-Xmx1g"), List.of(),
				ROOT);
		assertThat(coreOnly.coreJavaOptions()).containsExactly("-Xmx1g");
		assertThat(coreOnly.javaOptions()).isEqualTo(quick.javaOptions());
	}

	@Test
	void putsTwoReplicasOnTheirOwnPortsBehindTheLoadBalancer() {
		PlatformSettings settings = PlatformSettings.from(Map.of(), List.of("--replicas", "2"), ROOT);

		assertThat(settings.loadBalanced()).isTrue();
		assertThat(settings.coreUrl()).isEqualTo("http://127.0.0.1:8000");
		assertThat(settings.replicas()).containsExactly(new CoreReplica("core-1", 8010, 9000),
				new CoreReplica("core-2", 8011, 9010));
		assertThat(PlatformSettings.from(Map.of("PLATFORM_CORE_REPLICAS", "2"), List.of(), ROOT).replicas()).hasSize(2);
	}

	@Test
	void runsAFifthProductByTheRepositorysConventions() {
		PlatformSettings settings = PlatformSettings
			.from(Map.of("PLATFORM_PRODUCTS", "car-insurance,health-insurance,house-insurance,banking,electricity",
					"PLATFORM_FIRST_PRODUCT_PORT", "18001"), List.of(), ROOT);

		assertThat(settings.products()).hasSize(5)
			.last()
			.isEqualTo(new PlatformProduct("electricity", "electricity-service", "electricity_db", 18005, 9005));
		assertThat(settings.products().get(4).variablePrefix()).isEqualTo("ELECTRICITY");
	}

	@Test
	void runsAProductWithoutAModuleOnTheSharedProductApplicationFromItsTeamsSeedFolder(@TempDir Path root)
			throws IOException {
		Files.createDirectories(root.resolve("seeds/electricity/db"));
		PlatformSettings settings = PlatformSettings.from(Map.of("PLATFORM_PRODUCTS", "banking,electricity",
				"PLATFORM_PRODUCT_ELECTRICITY_SEED", "seeds/electricity", "ELECTRICITY_SERVICE_TOPIC",
				"user.electricity.product.purchased", "ELECTRICITY_SERVICE_TITLE", "Electricity Deals"), List.of(),
				root);

		PlatformProduct electricity = settings.products().get(1);
		assertThat(electricity)
			.isEqualTo(new PlatformProduct("electricity", "product-service-support", "electricity_db", 8002, 9002,
					root.resolve("seeds/electricity"), "user.electricity.product.purchased", "Electricity Deals"));
		assertThat(electricity.seeded()).isTrue();
		assertThat(electricity.processName()).isEqualTo("electricity-service");
		assertThat(electricity.publishedTopic()).isEqualTo("user.electricity.product.purchased");
		assertThat(electricity.problem(root)).isNull();
		assertThat(settings.products().get(0).seeded()).isFalse();
	}

	@Test
	void aSeededProductWithoutItsOwnTopicPublishesWhereTheCoreListensByDefault() {
		PlatformProduct solar = PlatformSettings
			.from(Map.of("PLATFORM_PRODUCTS", "solar-power", "PLATFORM_PRODUCT_SOLAR_POWER_SEED", "/seeds/solar"),
					List.of(), ROOT)
			.products()
			.get(0);

		assertThat(solar.seed()).isEqualTo(Path.of("/seeds/solar"));
		assertThat(solar.topic()).isNull();
		assertThat(solar.publishedTopic()).isEqualTo("user.solar.power.purchased");
	}

	@Test
	void saysHowToRunAProductThatHasNoModuleAndASeedFolderWithoutMigrations(@TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("banking-service"));
		Files.createDirectories(root.resolve("seeds/empty"));
		List<PlatformProduct> products = PlatformSettings
			.from(Map.of("PLATFORM_PRODUCTS", "banking,electricity,gas", "PLATFORM_PRODUCT_GAS_SEED", "seeds/empty"),
					List.of(), root)
			.products();

		assertThat(products.get(0).problem(root)).isNull();
		assertThat(products.get(1).problem(root)).contains("no module electricity-service")
			.contains("PLATFORM_PRODUCT_ELECTRICITY_SEED");
		assertThat(products.get(2).problem(root)).contains("PLATFORM_PRODUCT_GAS_SEED").contains("no db/ folder");
	}

	@Test
	void refusesAnOptionItDoesNotKnow() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PlatformSettings.from(Map.of(), List.of("--replica", "2"), ROOT))
			.withMessageContaining("Unknown option '--replica'");
	}

	@Test
	void namesTheVariableThatIsNotANumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PlatformSettings.from(Map.of("PLATFORM_ADMIN_PORT", "eighty"), List.of(), ROOT))
			.withMessageContaining("PLATFORM_ADMIN_PORT");
	}

}
