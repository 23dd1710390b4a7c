package de.check24.homewidgets.deploy;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The NGINX instances docker-compose.yml runs at the edge: core-lb and the CDN. */
class EdgeNginxTests {

	@Nested
	class CoreLoadBalancer {

		private final NginxConfig config = NginxConfig.parse(Repository.read("deploy/nginx-core-lb.conf"));

		private final NginxConfig publicServer = this.config.server(8000);

		@Test
		void answers404ForActuatorAndCacheOnThePublicListener() {
			for (String path : List.of("/actuator/", "/cache/")) {
				NginxConfig location = this.publicServer.location(path).orElseThrow();
				assertThat(location.first("return").orElseThrow().args()).as(path).containsExactly("404");
			}
		}

		@Test
		void neverForwardsActuatorOnTheInternalListener() {
			NginxConfig internal = this.config.server(8080);
			assertThat(internal.location("/actuator/").orElseThrow().first("return").orElseThrow().args())
				.containsExactly("404");
			assertThat(internal.location("/cache/")).isEmpty();
		}

		@Test
		void limitsRequestsAndConnectionsPerIpAndAnswers429() {
			assertThat(this.config.all("limit_req_zone")).singleElement()
				.extracting(NginxConfig::args)
				.asList()
				.contains("$binary_remote_addr", "rate=1000r/m");
			assertThat(this.publicServer.first("limit_req").orElseThrow().joinedArgs()).contains("burst=");
			assertThat(this.publicServer.first("limit_conn")).isPresent();
			assertThat(this.config.first("limit_req_status").orElseThrow().args()).containsExactly("429");
			assertThat(this.config.first("limit_conn_status").orElseThrow().args()).containsExactly("429");
		}

		@Test
		void limitsOpenStreamsPerIpMoreStrictly() {
			NginxConfig stream = this.publicServer.location("/stream/").orElseThrow();
			int streams = Integer.parseInt(stream.first("limit_conn").orElseThrow().arg(1));
			int connections = Integer.parseInt(this.publicServer.first("limit_conn").orElseThrow().arg(1));
			assertThat(streams).isLessThan(connections);
		}

		@Test
		void keepsServerSentEventsUnbufferedAndLongLived() {
			NginxConfig stream = this.publicServer.location("/stream/").orElseThrow();
			assertThat(stream.first("proxy_buffering").orElseThrow().args()).containsExactly("off");
			assertThat(stream.first("proxy_read_timeout").orElseThrow().args()).containsExactly("1h");
		}

		@Test
		void logsNoQueryStringSoStreamTicketsStayOutOfTheLog() {
			assertThat(this.config.all("log_format")).isNotEmpty()
				.allSatisfy((format) -> assertThat(format.joinedArgs())
					.doesNotContainPattern("\\$(request_uri|args|query_string|arg_|request\\b)"));
			List<NginxConfig> accessLogs = new java.util.ArrayList<>(this.config.all("access_log"));
			accessLogs.addAll(this.publicServer.location("/stream/").orElseThrow().all("access_log"));
			assertThat(accessLogs).isNotEmpty()
				.allSatisfy((log) -> assertThat(log.args()).hasSize(2).last().isEqualTo("edge"));
		}

	}

	@Nested
	class Cdn {

		private final NginxConfig server = NginxConfig.parse(Repository.read("deploy/nginx-cdn.conf")).server(8080);

		@Test
		void cachesEachProductsImagesAndNothingElse() {
			for (String product : ServiceVariables.PRODUCTS) {
				String key = product.replace("-service", "");
				NginxConfig location = this.server.location("/images/" + key + "/").orElseThrow();
				assertThat(location.first("proxy_pass").orElseThrow().args())
					.containsExactly("http://" + product + ":8000");
			}
			assertThat(this.server.location("/").orElseThrow().first("return").orElseThrow().args())
				.containsExactly("404");
			assertThat(
					this.server.all("location").stream().filter((location) -> location.first("proxy_pass").isPresent()))
				.allSatisfy((location) -> assertThat(location.arg(0)).startsWith("/images/"));
		}

		@Test
		void keepsImagesForALongTimeAndSendsNoCredentialsToTheProducts() {
			assertThat(this.server.first("proxy_cache").orElseThrow().args()).containsExactly("images");
			assertThat(this.server.first("proxy_cache_valid").orElseThrow().args()).containsExactly("200", "30d");
			assertThat(this.server.all("proxy_set_header")).extracting(NginxConfig::args)
				.contains(List.of("Authorization", ""), List.of("Cookie", ""));
		}

	}

}
