package de.check24.homewidgets.load;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadSettingsTests {

	@Test
	void targetsThePlatformsCorePortOnThisMachine() {
		LoadSettings settings = LoadSettings.from(new Properties(),
				Map.of("PLATFORM_CORE_PORT", "27000", "HOME_JWT_SECRET", "s"));

		assertThat(settings.coreUrl()).isEqualTo("http://127.0.0.1:27000");
		assertThat(settings.jwtSecret()).isEqualTo("s");
		assertThat(settings.toString()).doesNotContain("jwtSecret");
	}

	@Test
	void refusesEveryOtherHost() {
		Properties properties = new Properties();
		properties.setProperty("load.coreUrl", "http://10.0.0.5:8000");

		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.from(properties, Map.of()))
			.withMessageContaining("127.0.0.1");
	}

	@Test
	void refusesRunsLongerThanAnHour() {
		Properties properties = new Properties();
		properties.setProperty("load.duration", "7200");

		assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.from(properties, Map.of()));
	}

	@Test
	void everyRunsUsersAreFreshAndFitTheProductsIntegerColumns() {
		long base = LoadSettings.defaultUserBase();
		LoadSettings settings = LoadSettings.from(new Properties(), Map.of());

		assertThat(base).isGreaterThanOrEqualTo(10_000_000);
		assertThat(settings.buyer(LoadSettings.USERS_PER_KIND)).isLessThan(Integer.MAX_VALUE);
		assertThat(settings.isBuyer(settings.buyer(5))).isTrue();
		assertThat(settings.isBuyer(settings.coldUser(5))).isFalse();
	}

}
