package de.check24.homewidgets.core.products;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the product services live and how long the core waits for them. Breaker and retry
 * settings live under {@code resilience4j.*.instances.<service-key>}.
 *
 * @param carInsurance {@code home.products.car-insurance}
 * @param healthInsurance {@code home.products.health-insurance}
 * @param houseInsurance {@code home.products.house-insurance}
 * @param banking {@code home.products.banking}
 * @param connectTimeout TCP connect timeout per call
 * @param readTimeout time until the whole response has arrived, per attempt
 * @param fanOut the bounded pool the parallel calls run on
 */
@Validated
@ConfigurationProperties("home.products")
record ProductsProperties(@NotNull @Valid Endpoint carInsurance, @NotNull @Valid Endpoint healthInsurance,
		@NotNull @Valid Endpoint houseInsurance, @NotNull @Valid Endpoint banking, @NotNull Duration connectTimeout,
		@NotNull Duration readTimeout, @NotNull @Valid FanOut fanOut) {

	Endpoint endpoint(Product product) {
		return switch (product) {
			case CAR_INSURANCE -> this.carInsurance;
			case HEALTH_INSURANCE -> this.healthInsurance;
			case HOUSE_INSURANCE -> this.houseInsurance;
			case BANKING -> this.banking;
		};
	}

	/**
	 * @param baseUrl e.g. {@code http://localhost:8001}
	 */
	record Endpoint(@NotNull URI baseUrl) {

	}

	/**
	 * @param threads threads for product calls, shared by all requests
	 * @param queueCapacity calls waiting for a thread; beyond it a section falls back at
	 * once
	 * @param deadline the longest a page waits for all sections, retries included; a
	 * section still missing by then shows its fallback
	 */
	record FanOut(@Min(1) int threads, @Min(0) int queueCapacity, @NotNull Duration deadline) {

	}

}
