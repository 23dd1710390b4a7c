package de.check24.homewidgets.product.outbox;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The outbox as operators see it: {@code product_outbox_publish_delay_seconds} (how old a
 * message was when Kafka acknowledged it, i.e. the publish latency a user's event saw),
 * {@code product_outbox_backlog} (messages not yet published) and
 * {@code product_outbox_parked_total}.
 */
@Component
class OutboxMetrics {

	private final Timer publishDelay;

	private final Counter parked;

	OutboxMetrics(MeterRegistry registry, OutboxMessages messages) {
		this.publishDelay = Timer.builder("product.outbox.publish.delay")
			.description("Age of an outbox message when Kafka acknowledged it")
			.publishPercentileHistogram()
			.register(registry);
		this.parked = Counter.builder("product.outbox.parked")
			.description("Outbox messages parked because they cannot be published")
			.register(registry);
		Gauge.builder("product.outbox.backlog", messages, OutboxMetrics::backlog)
			.description("Outbox messages not yet published (parked ones excluded)")
			.register(registry);
	}

	void published(Duration age) {
		this.publishDelay.record(age.isNegative() ? Duration.ZERO : age);
	}

	void parked() {
		this.parked.increment();
	}

	private static double backlog(OutboxMessages messages) {
		try {
			return messages.countPending();
		}
		catch (RuntimeException ex) {
			// the database is away; the datasource metrics say so
			return Double.NaN;
		}
	}

}
