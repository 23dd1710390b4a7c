package de.check24.homewidgets.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrerequisitesTests {

	@Test
	void namesEachMissingToolWithHowToInstallIt() {
		assertThat(
				Prerequisites.missing(Map.of("PATH", "/nonexistent", "CHROMIUM_PATH", "/nonexistent/chromium"), true))
			.containsExactly("bash: apt-get install -y bash", "curl: apt-get install -y curl",
					"python3: apt-get install -y python3",
					"npm: apt-get install -y nodejs npm (Node.js 20.19 or newer)",
					"chromium at /nonexistent/chromium: apt-get install -y chromium, or set CHROMIUM_PATH");
	}

	@Test
	void needsNoBrowserToolsWithoutTheBrowserScenario() {
		assertThat(Prerequisites.missing(Map.of("PATH", "/nonexistent"), false))
			.noneMatch((tool) -> tool.startsWith("npm") || tool.startsWith("chromium"));
	}

}
