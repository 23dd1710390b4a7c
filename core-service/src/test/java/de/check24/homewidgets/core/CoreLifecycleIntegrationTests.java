package de.check24.homewidgets.core;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.infrastructure.LocalPorts;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starting without a Kafka broker, and stopping with streams open. */
class CoreLifecycleIntegrationTests {

	private static ConfigurableApplicationContext start(String kafka) {
		return CoreReplicas.start(Map.of("home.events.enabled", "true", "spring.kafka.bootstrap-servers", kafka));
	}

	private static HttpTestClient http(ConfigurableApplicationContext replica) {
		return CoreReplicas.http(replica);
	}

	@Test
	void startsServesAndStopsPromptlyWithoutAKafkaBroker() {
		StubProducts.shared().reset();
		LocalRedis.shared().start();
		long started = System.nanoTime();
		ConfigurableApplicationContext replica = start("127.0.0.1:" + LocalPorts.free());
		try {
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
			assertThat(http(replica).home(123L).statusCode()).isEqualTo(200);
			assertThat(http(replica).home(null).statusCode()).isEqualTo(200);
			assertThat(http(replica).get("/health").body()).contains("\"status\":\"UP\"");
		}
		finally {
			long stopping = System.nanoTime();
			replica.close();
			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(20));
		}
	}

	@Test
	void endsOpenStreamsOnShutdownInsteadOfWaitingForThem() {
		StubProducts.shared().reset();
		LocalRedis.shared().start();
		ConfigurableApplicationContext replica = start("127.0.0.1:" + LocalPorts.free());
		EventStream stream = EventStream.open(http(replica).baseUrl(), 123L);
		try {
			assertThat(stream.status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());

			long stopping = System.nanoTime();
			replica.close();

			// graceful shutdown would otherwise wait its full 30 s for the open stream
			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(20));
			await().atMost(Duration.ofSeconds(5)).until(stream::ended);
		}
		finally {
			stream.close();
			replica.close();
		}
	}

}
