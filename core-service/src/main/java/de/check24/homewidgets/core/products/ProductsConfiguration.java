package de.check24.homewidgets.core.products;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.config.BoundedExecutors;
import de.check24.homewidgets.core.identity.ServiceTokens;
import de.check24.homewidgets.sdui.ContractValidator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProductsProperties.class)
class ProductsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ProductsConfiguration.class);

	/** The named Resilience4j configuration every product's instances start from. */
	static final String PRODUCT_CONFIG = "product";

	private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

	@Bean
	ContractValidator contractValidator() {
		return ContractValidator.create();
	}

	@Bean
	ProductCatalog productCatalog(ProductsProperties properties) {
		return new ProductCatalog(properties);
	}

	// Not beans: Spring's scheduling would take a ScheduledExecutorService bean for every
	// @Scheduled task, and an Executor bean would make Boot back off from its own.
	private static ScheduledThreadPoolExecutor productTimers() {
		ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2,
				new CustomizableThreadFactory("product-timer-"));
		// a deadline is cancelled for nearly every call: do not keep the dead timers
		timers.setRemoveOnCancelPolicy(true);
		return timers;
	}

	// parses and validates answers; calls in flight are bounded by the bulkheads
	private static ExecutorService productResponseReaders() {
		return Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
				new CustomizableThreadFactory("product-reader-"));
	}

	@Bean(destroyMethod = "close")
	ProductFanOut productFanOut(ProductsProperties properties, ProductCatalog catalog,
			CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, ContractValidator contractValidator,
			ServiceTokens tokens, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
			ObjectMapper objectMapper, MeterRegistry meterRegistry) {
		ProductCallSpans spans = new ProductCallSpans(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP));
		ScheduledThreadPoolExecutor productTimers = productTimers();
		ExecutorService productResponseReaders = productResponseReaders();
		WidgetValidation validation = new WidgetValidation(contractValidator, objectMapper, meterRegistry);
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.executor(productResponseReaders)
			.build();
		List<ProductClient> clients = catalog.all().stream().map((product) -> {
			ProductsProperties.Settings settings = catalog.settings(product);
			ProductClient.Transport transport = new ProductClient.Transport(settings.baseUrl(), http,
					(settings.readTimeout() != null) ? settings.readTimeout() : properties.readTimeout(),
					properties.maxResponseSize().toBytes());
			int maxConcurrentCalls = (settings.maxConcurrentCalls() != null) ? settings.maxConcurrentCalls()
					: properties.maxConcurrentCalls();
			CircuitBreaker breaker = circuitBreakers.circuitBreaker(product.key(), PRODUCT_CONFIG);
			breaker.getEventPublisher()
				.onStateTransition(
						(event) -> logger.warn("Circuit breaker of {}: {}", product.key(), event.getStateTransition()));
			ProductClient.Resilience resilience = new ProductClient.Resilience(breaker,
					retries.retry(product.key(), PRODUCT_CONFIG),
					new ProductCapacity(product, Math.min(properties.minConcurrentCalls(), maxConcurrentCalls),
							maxConcurrentCalls, meterRegistry),
					properties.admissionBudget(), productTimers, RETRY_AFTER);
			return new ProductClient(product, transport, resilience, validation, tokens, spans, objectMapper,
					meterRegistry);
		}).toList();
		// CPU work only (ECDSA signatures): one thread per core
		int cores = Runtime.getRuntime().availableProcessors();
		ExecutorService tokenSigners = BoundedExecutors.create("token-signers", cores, 1000, meterRegistry);
		return new ProductFanOut(catalog, clients, properties.deadline(), properties.admissionBudget(), tokens,
				tokenSigners, List.of(productTimers, productResponseReaders, tokenSigners));
	}

}
