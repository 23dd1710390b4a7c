package de.check24.homewidgets.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts and dashboards speak the services' metric names (design.md's list, copied into
 * metric-names.txt); the alert rules' behaviour is tested by promtool
 * (deploy/prometheus/alerts-tests.yml, run by .ci/run).
 */
class ObservabilityTests {

	private static final Set<String> METRIC_NAMES = metricNames();

	@Nested
	class Alerts {

		private final Map<String, Map<?, ?>> rules = alertRules();

		@Test
		void areExactlyTheSpecsRulesWithTheirSeverityAndDuration() {
			Map<String, String> expected = new LinkedHashMap<>();
			expected.put("AllProductServicesDown", "critical 5m");
			expected.put("CoreErrorRateHigh", "critical 1m");
			expected.put("RedisUnavailable", "critical 1m");
			expected.put("DatabaseConnectionPoolExhausted", "critical 1m");
			expected.put("CacheHitRateLow", "warning 15m");
			expected.put("CoreLatencyP95High", "warning 5m");
			expected.put("CircuitBreakerOpen", "warning 1m");
			Map<String, String> actual = new LinkedHashMap<>();
			this.rules.forEach((name, rule) -> actual.put(name,
					((Map<?, ?>) rule.get("labels")).get("severity") + " " + rule.get("for")));
			assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
		}

		@Test
		void eachTellsWhatHappenedAndWhatToDoWithARunbookSectionInTheReadme() {
			String readme = Repository.read("deploy/README.md").toLowerCase();
			this.rules.forEach((name, rule) -> {
				Map<String, Object> annotations = annotations(rule);
				assertThat(annotations).as(name).containsKeys("summary", "description", "runbook");
				assertThat(String.valueOf(annotations.get("runbook"))).as(name)
					.contains("deploy/README.md#" + name.toLowerCase());
				assertThat(readme).as("deploy/README.md has a section for " + name)
					.contains("### " + name.toLowerCase());
			});
		}

		@Test
		void useOnlyTheServicesMetricNames() {
			this.rules.forEach((name, rule) -> assertThat(PromQl.metricNames(String.valueOf(rule.get("expr")))).as(name)
				.isNotEmpty()
				.isSubsetOf(METRIC_NAMES));
		}

		@Test
		void eachRuleHasUnitTestsThatFireItAndTestsThatDoNot() {
			Map<String, Object> tests = Repository.yaml("deploy/prometheus/alerts-tests.yml");
			Set<String> firing = new HashSet<>();
			Set<String> quiet = new HashSet<>();
			for (Object test : (List<?>) tests.get("tests")) {
				for (Object ruleTest : (List<?>) ((Map<?, ?>) test).get("alert_rule_test")) {
					Map<?, ?> check = (Map<?, ?>) ruleTest;
					(((List<?>) check.get("exp_alerts")).isEmpty() ? quiet : firing)
						.add(String.valueOf(check.get("alertname")));
				}
			}
			assertThat(firing).containsExactlyInAnyOrderElementsOf(this.rules.keySet());
			assertThat(quiet).containsExactlyInAnyOrderElementsOf(this.rules.keySet());
		}

	}

	@Nested
	class Dashboard {

		private final JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Repository.read("deploy/grafana/dashboards/home-widgets.json"));

		@Test
		void everyPanelQueriesTheProvisionedPrometheus() {
			String datasourceUid = String.valueOf(
					((Map<?, ?>) ((List<?>) Repository.yaml("deploy/grafana/provisioning/datasources/datasources.yml")
						.get("datasources")).get(0)).get("uid"));
			List<JsonNode> panels = panels();
			assertThat(panels).hasSizeGreaterThanOrEqualTo(18).allSatisfy((panel) -> {
				String title = panel.get("title").asString();
				assertThat(panel.get("datasource").get("uid").asString()).as(title).isEqualTo(datasourceUid);
				assertThat(panel.get("targets").isArray() && !panel.get("targets").isEmpty()).as(title).isTrue();
				panel.get("targets")
					.forEach((target) -> assertThat(target.get("expr").asString()).as(title).isNotBlank());
			});
			Set<Integer> ids = new HashSet<>();
			this.dashboard.get("panels").forEach((panel) -> assertThat(ids.add(panel.get("id").asInt())).isTrue());
		}

		@Test
		void usesOnlyTheServicesMetricNames() {
			for (JsonNode panel : panels()) {
				panel.get("targets")
					.forEach((target) -> assertThat(PromQl.metricNames(target.get("expr").asString()))
						.as(panel.get("title").asString())
						.isNotEmpty()
						.isSubsetOf(METRIC_NAMES));
			}
		}

		@Test
		void showsEveryMetricTheServicesExpose() {
			Set<String> shown = new TreeSet<>();
			for (JsonNode panel : panels()) {
				panel.get("targets")
					.forEach((target) -> PromQl.metricNames(target.get("expr").asString())
						.forEach((name) -> shown.add(family(name))));
			}
			Set<String> exposed = new TreeSet<>();
			METRIC_NAMES.forEach((name) -> exposed.add(family(name)));
			assertThat(shown).containsAll(exposed);
		}

		@Test
		void isProvisionedFromTheFolderComposeMounts() {
			Map<?, ?> provider = (Map<?, ?>) ((List<?>) Repository
				.yaml("deploy/grafana/provisioning/dashboards/dashboards.yml")
				.get("providers")).get(0);
			assertThat(((Map<?, ?>) provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");
		}

		private List<JsonNode> panels() {
			List<JsonNode> panels = new ArrayList<>();
			this.dashboard.get("panels").forEach((panel) -> {
				if (!"row".equals(panel.get("type").asString())) {
					panels.add(panel);
				}
			});
			return panels;
		}

		/** A timer's or histogram's series belong to one metric. */
		private static String family(String name) {
			return name.replaceAll("_seconds_(count|sum|bucket|max)$", "_seconds");
		}

	}

	@Test
	void metricNameExtractionSkipsFunctionsLabelsAndRanges() {
		assertThat(PromQl.metricNames(
				"histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{uri!=\"/a(b)\"}[5m]))) "
						+ "> 0.5 and on(instance) up == 1"))
			.containsExactlyInAnyOrder("http_server_requests_seconds_bucket", "up");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> annotations(Map<?, ?> rule) {
		return (Map<String, Object>) rule.get("annotations");
	}

	private static Map<String, Map<?, ?>> alertRules() {
		Map<String, Map<?, ?>> rules = new LinkedHashMap<>();
		for (Object group : (List<?>) Repository.yaml("deploy/prometheus/alerts.yml").get("groups")) {
			for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
				Map<?, ?> map = (Map<?, ?>) rule;
				assertThat(rules.put(String.valueOf(map.get("alert")), map)).isNull();
			}
		}
		return rules;
	}

	private static Set<String> metricNames() {
		Set<String> names = new TreeSet<>();
		Repository.read("deploy/src/test/resources/metric-names.txt")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach(names::add);
		return names;
	}

}
