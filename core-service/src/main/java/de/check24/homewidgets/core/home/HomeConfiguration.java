package de.check24.homewidgets.core.home;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;

import de.check24.homewidgets.core.cache.HomeCache;
import de.check24.homewidgets.core.cache.NearCache;
import de.check24.homewidgets.core.products.ProductClients;
import de.check24.homewidgets.core.security.BearerViewers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HomeProperties.class)
class HomeConfiguration {

	// not a bean: an Executor bean would make Boot back off from its
	// applicationTaskExecutor
	private static ExecutorService homeRefreshExecutor(HomeProperties properties) {
		return new ThreadPoolExecutor(properties.refreshThreads(), properties.refreshThreads(), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.refreshQueueCapacity()),
				new CustomizableThreadFactory("home-refresh-"), new ThreadPoolExecutor.AbortPolicy());
	}

	@Bean(destroyMethod = "close")
	HomeRefresher homeRefresher(HomeCache homeCache, NearCache nearCache, ProductClients products,
			HomeProperties properties, Clock clock, MeterRegistry meterRegistry) {
		return new HomeRefresher(homeCache, nearCache, products, homeRefreshExecutor(properties), clock, meterRegistry);
	}

	@Bean
	HomePages homePages(NearCache nearCache, HomeCache homeCache, ProductClients products, HomeRefresher refresher,
			Clock clock, ObjectMapper objectMapper, MeterRegistry meterRegistry) {
		return new HomePages(nearCache, homeCache, products, refresher, new HomeRenderer(objectMapper), clock,
				meterRegistry);
	}

	@Bean
	HomeResponses homeResponses(HomeProperties properties) {
		return new HomeResponses(properties.retryAfter());
	}

	/**
	 * Serves pages this replica holds in memory ahead of every other filter, including
	 * the observation filter and Spring Security's chain.
	 * @param nearCache this replica's rendered pages
	 * @param viewers the same token verification as the resource server
	 * @param responses the same headers and 304 handling as {@link HomeController}
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<CachedHomeFilter> cachedHomeFilter(NearCache nearCache, BearerViewers viewers,
			HomeResponses responses) {
		FilterRegistrationBean<CachedHomeFilter> registration = new FilterRegistrationBean<>(
				new CachedHomeFilter(nearCache, viewers, responses));
		registration.addUrlPatterns("/home");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
