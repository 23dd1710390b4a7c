package de.check24.homewidgets.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ServiceProcessTests {

	@Test
	void aServiceThatExitsWhileStartingIsReportedWithTheEndOfItsLog(@TempDir Path repository) throws Exception {
		// a jar the JVM refuses: it exits with 1 and says why
		Path target = Files.createDirectories(repository.resolve("broken-service").resolve("target"));
		Files.writeString(target.resolve("broken-service-0.1.0.jar"), "not a jar");
		Path logs = Files.createDirectories(repository.resolve("logs"));

		try (ServiceProcess service = ServiceProcess.start("broken-service", "broken-service", LocalPorts.free(),
				Map.of(), repository, logs, List.of())) {
			assertThatIllegalStateException().isThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(30)))
				.withMessageContaining("broken-service exited with 1")
				.withMessageContaining(logs.resolve("broken-service.log").toString())
				.withMessageContaining("jarfile");
		}
	}

}
