package de.check24.homewidgets.product.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay runs.
 *
 * @param interval pause between relay passes; a commit also starts one at once
 * @param sendTimeout how long one send may wait for the broker's acknowledgement
 * @param batchSize how many messages one transaction relays at most
 */
@Validated
@ConfigurationProperties("product.outbox")
record OutboxProperties(@NotNull Duration interval, @NotNull Duration sendTimeout, @Positive int batchSize) {

}
