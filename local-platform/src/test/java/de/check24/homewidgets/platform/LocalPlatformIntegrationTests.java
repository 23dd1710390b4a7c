package de.check24.homewidgets.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import de.check24.homewidgets.infrastructure.LocalPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the real local platform (embedded infrastructure plus the five built service
 * jars as processes) and runs {@code scripts/smoke.sh} against it, as a newcomer would
 * after {@code ./platform.sh}.
 */
class LocalPlatformIntegrationTests {

	private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void startsEverythingPassesTheSmokeChecksAndLeavesNothingBehind(@TempDir Path home) throws Exception {
		int firstProductPort = consecutiveFreePorts(4);
		PlatformSettings settings = new PlatformSettings(REPOSITORY_ROOT, home, false, LocalPorts.free(),
				firstProductPort, LocalPorts.free(), LocalPorts.free(), LocalPorts.free(), LocalPorts.free(),
				PlatformSettings.LOCAL_DEV_JWT_SECRET, PlatformSettings.LOCAL_DEV_SERVICE_TOKEN);
		LocalPlatform platform = new LocalPlatform(settings);
		try {
			platform.start();
			assertThat(platform.welcome()).contains(settings.coreUrl()).contains("TOKEN_123=").contains("TOKEN_456=");

			ProcessBuilder smoke = new ProcessBuilder("bash", REPOSITORY_ROOT.resolve("scripts/smoke.sh").toString(),
					settings.coreUrl())
				.redirectErrorStream(true)
				.redirectOutput(home.resolve("smoke.log").toFile());
			smoke.environment().put("CAR_INSURANCE_SERVICE_URL", "http://127.0.0.1:" + firstProductPort);
			smoke.environment().put("HEALTH_INSURANCE_SERVICE_URL", "http://127.0.0.1:" + (firstProductPort + 1));
			smoke.environment().put("HOUSE_INSURANCE_SERVICE_URL", "http://127.0.0.1:" + (firstProductPort + 2));
			smoke.environment().put("BANKING_SERVICE_URL", "http://127.0.0.1:" + (firstProductPort + 3));
			Process process = smoke.start();
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
			String output = Files.readString(home.resolve("smoke.log"), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(output).isZero();
			assertThat(output).contains("home reflects the purchase").contains("offers are back");

			if (!Boolean.getBoolean("skipWeb")) {
				assertThat(platform.welcome()).as("the web client is served").contains("web client");
				assertThat(runBrowserScenario(platform, settings, home)).isZero();
			}
		}
		finally {
			platform.close();
		}
		assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).isZero();
		assertThat(isListening(settings.corePort())).isFalse();
		assertThat(isListening(firstProductPort)).isFalse();
		assertThat(isListening(settings.postgresPort())).isFalse();
	}

	/**
	 * The web client's end-to-end scenario in headless Chromium against this platform.
	 */
	private static int runBrowserScenario(LocalPlatform platform, PlatformSettings settings, Path home)
			throws Exception {
		Path log = home.resolve("e2e.log");
		ProcessBuilder e2e = new ProcessBuilder("npm", "run", "e2e")
			.directory(REPOSITORY_ROOT.resolve("web-client").toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		e2e.environment().put("WEB_URL", "http://127.0.0.1:" + settings.webPort());
		e2e.environment().put("CORE_URL", settings.coreUrl());
		Process process = e2e.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		System.out.println(output);
		assertThat(output).as(output).containsPattern("\\d+ passed, 0 failed");
		return process.exitValue();
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int consecutiveFreePorts(int count) throws IOException {
		for (int base = 28001; base < 29000; base += count) {
			boolean free = true;
			for (int port = base; port < base + count && free; port++) {
				free = !isListening(port);
			}
			if (free) {
				return base;
			}
		}
		throw new IOException("No " + count + " consecutive free ports between 28001 and 29000");
	}

}
