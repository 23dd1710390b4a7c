package de.check24.homewidgets.load.chaos;

import java.time.Duration;
import java.time.Instant;

import de.check24.homewidgets.load.LoadSettings;

/** The chaos run's figures as {@code docs/resilience.md}. */
final class ResilienceReport {

	private ResilienceReport() {
	}

	static String markdown(ChaosRun.Result result, LoadSettings settings, ChaosRun.Mode mode, String console,
			String chart) {
		StringBuilder text = new StringBuilder();
		text.append("# Resilience: the latest chaos run\n\n");
		text.append("Written by `scripts/chaos.sh")
			.append((mode == ChaosRun.Mode.SHORT) ? " --short" : "")
			.append(" --docs docs/resilience.md` (the `load-tests` module's `ChaosRun`); every figure below comes from ")
			.append("that run. Run it again to replace this file.\n\n");
		text.append("- Run: ")
			.append(Instant.ofEpochMilli(result.start()))
			.append(", ")
			.append(Duration.ofMillis(result.end() - result.start()).toSeconds())
			.append(" s of load, ")
			.append(mode.name().toLowerCase(java.util.Locale.ROOT))
			.append(" version (each fault held ")
			.append(mode.down().toSeconds())
			.append(" s, then started again).\n");
		text.append(
				"- Platform: `local-platform` with two core replicas behind its Java load balancer, four products, ")
			.append("embedded PostgreSQL, Redis and Kafka, credentials and rate limits on, all on one machine with the ")
			.append("load generator.\n");
		text.append("- Load: ")
			.append(settings.readersPerSecond())
			.append(" reader visits/s (")
			.append((int) (settings.coldShare() * 100))
			.append(" % by users never seen, ")
			.append((int) (settings.anonymousShare() * 100))
			.append(" % anonymous, each revalidating ")
			.append(settings.readsPerVisit())
			.append(" times with If-None-Match), ")
			.append(settings.buyersPerSecond())
			.append(" buyers/s (each with its update stream open; ")
			.append((int) (settings.keepShare() * 100))
			.append(" % keep the contract, the others cancel), ")
			.append(settings.screens())
			.append(" live screens holding /stream/updates.\n");
		text.append("- Machine: 2 cores shared with other work; load average (1/5/15 min) ")
			.append(result.loadBefore())
			.append(" before, ")
			.append(result.loadAfter())
			.append(" after. Latencies here say more about that machine than about the design.\n\n");
		text.append("## Per fault\n\n");
		text.append(
				"| fault | requests | designed degradations | undesigned errors | acknowledged purchases/cancellations "
						+ "| lost contracts | lost invalidations | recovery time |\n");
		text.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Verdict.Row row : result.rows()) {
			String recovery = (row.window == null) ? "–" : row.window.recovered()
					? String.format("%.1f s", row.window.recoveryMillis() / 1000.0) : "not within the timeout";
			text.append(
					String.format("| %s | %d | %d | %d | %d | %d | %d | %s |%n", row.name, row.requests, row.degraded,
							row.undesigned, row.acknowledged, row.lostContracts, row.lostInvalidations, recovery));
		}
		text.append("\n**Verdict: ").append(result.passed() ? "passed" : "failed").append(".**\n\n");
		text.append("![GET /home latency over the chaos run, fault windows shaded](").append(chart).append(")\n\n");
		text.append("## What the columns mean\n\n");
		text.append(
				"- A fault's row covers the time from its stop to the next fault's stop (the last one to the end).\n");
		text.append("- *Designed degradations*: a home with the fallback card in a section, a home answered 503 with "
				+ "`Retry-After` because no product could be served, a contract call answered 503 `product-unavailable` "
				+ "with `Retry-After`.\n");
		text.append("- *Undesigned errors*: every other 5xx (a 500 always) and every request that got no answer "
				+ "through the load balancer.\n");
		text.append("- *Lost contracts*: an acknowledged purchase that is not in the product's database, a "
				+ "cancellation whose contract still is, or either without its event on the product's Kafka topic.\n");
		text.append("- *Lost invalidations*: an acknowledged purchase or cancellation whose `cache_invalidated` event "
				+ "did not reach the buyer's open stream (where a core replica stop cut the stream, the home the buyer "
				+ "read right after must show the change instead), or whose change either replica's `/home` for that "
				+ "user does not show after recovery (each replica asked directly on its own port).\n");
		text.append("- *Recovery time*: from the component's start returning (it serves again) to the first fully "
				+ "fresh answer from both replicas: `GET /home` of a user never seen, 200, every section with the "
				+ "product's own widgets (no fallback card), fetched after the restart; after a Redis restart the "
				+ "replica must also report `home_redis_up 1`.\n\n");
		text.append("## The run's own output\n\n```\n").append(console.strip()).append("\n```\n");
		return text.toString();
	}

}
