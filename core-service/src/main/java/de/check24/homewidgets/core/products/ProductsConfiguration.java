package de.check24.homewidgets.core.products;

import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

import de.check24.homewidgets.sdui.ContractValidator;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProductsProperties.class)
class ProductsConfiguration {

	@Bean
	ContractValidator contractValidator() {
		return ContractValidator.create();
	}

	// not a bean: an Executor bean would make Boot back off from its
	// applicationTaskExecutor
	private static ExecutorService productCallExecutor(ProductsProperties properties, MeterRegistry meterRegistry) {
		ProductsProperties.FanOut fanOut = properties.fanOut();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(fanOut.threads(), fanOut.threads(), 60, TimeUnit.SECONDS,
				(fanOut.queueCapacity() > 0) ? new ArrayBlockingQueue<>(fanOut.queueCapacity())
						: new SynchronousQueue<>(),
				new CustomizableThreadFactory("product-call-"), new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return ExecutorServiceMetrics.monitor(meterRegistry, executor, "product-calls");
	}

	@Bean(destroyMethod = "close")
	ProductClients productClients(ProductsProperties properties, RestClient.Builder restClientBuilder,
			CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, ContractValidator contractValidator,
			ObjectMapper objectMapper, MeterRegistry meterRegistry) {
		WidgetValidation validation = new WidgetValidation(contractValidator, objectMapper, meterRegistry);
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.readTimeout());
		List<ProductClient> clients = Arrays.stream(Product.values())
			.map((product) -> new ProductClient(product,
					restClientBuilder.clone()
						.baseUrl(properties.endpoint(product).baseUrl().toString())
						.requestFactory(requestFactory)
						.build(),
					circuitBreakers.circuitBreaker(product.key()), retries.retry(product.key()), validation,
					meterRegistry))
			.toList();
		return new ProductClients(clients, productCallExecutor(properties, meterRegistry),
				properties.fanOut().deadline());
	}

}
