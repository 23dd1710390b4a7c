package de.check24.homewidgets.product.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay runs.
 *
 * @param interval pause between relay passes while Kafka takes messages; a commit also
 * starts one at once ({@code OUTBOX_INTERVAL})
 * @param sendTimeout how long one send may wait for the broker's acknowledgement
 * ({@code OUTBOX_SEND_TIMEOUT})
 * @param batchSize how many messages one transaction relays at most
 * ({@code OUTBOX_BATCH_SIZE})
 * @param backoffInitial the pause after the first failed pass; it doubles with each
 * further failure ({@code OUTBOX_BACKOFF_INITIAL})
 * @param backoffMax the longest pause between passes while Kafka fails
 * ({@code OUTBOX_BACKOFF_MAX})
 * @param maxAttempts after this many failed sends of one message for a reason that is not
 * a broker outage, the message is parked ({@code OUTBOX_MAX_ATTEMPTS})
 * @param retention how long published messages are kept ({@code OUTBOX_RETENTION})
 * @param purgeInterval how often published messages past the retention are deleted
 * ({@code OUTBOX_PURGE_INTERVAL})
 */
@Validated
@ConfigurationProperties("product.outbox")
record OutboxProperties(@NotNull Duration interval, @NotNull Duration sendTimeout, @Positive int batchSize,
		@NotNull Duration backoffInitial, @NotNull Duration backoffMax, @Positive int maxAttempts,
		@NotNull Duration retention, @NotNull Duration purgeInterval) {

}
