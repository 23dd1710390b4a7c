package de.check24.homewidgets.core.home;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;

import de.check24.homewidgets.core.cache.HomeSections;
import de.check24.homewidgets.core.security.BearerViewers;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HomeProperties.class)
class HomeConfiguration {

	/** After the filters that must see every request (rate limits), before all others. */
	static final int FAST_PATH_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * Moves Spring Boot's observation filter behind the fast path: an answer from memory
	 * is counted by the fast path's own timer, and creating an observation for it (a
	 * tracing context, a timer sample, tag lists) was most of what such an answer
	 * allocated. Every other request is observed as before.
	 * @return the post-processor
	 */
	@Bean
	static BeanPostProcessor observeAfterTheFastPath() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof FilterRegistrationBean<?> registration
						&& registration.getFilter() instanceof ServerHttpObservationFilter) {
					registration.setOrder(FAST_PATH_ORDER + 1);
				}
				return bean;
			}
		};
	}

	@Bean
	NearCache nearCache(HomeProperties properties, Clock clock, MeterRegistry meterRegistry) {
		return new NearCache(properties.near(), clock, meterRegistry);
	}

	@Bean
	HomePages homePages(NearCache nearCache, HomeSections sections, ObjectMapper objectMapper) {
		return new HomePages(nearCache, sections, new HomeRenderer(objectMapper));
	}

	@Bean
	HomeTraffic homeTraffic(MeterRegistry meterRegistry) {
		return new HomeTraffic(meterRegistry);
	}

	@Bean
	HomeDocuments homeDocuments(HomePages pages, ObjectMapper objectMapper) {
		return new HomeDocuments(pages, objectMapper);
	}

	@Bean
	HomeResponses homeResponses(HomeProperties properties) {
		return new HomeResponses(properties.retryAfter());
	}

	/**
	 * Serves pages this replica holds in memory ahead of the observation filter and
	 * Spring Security's chain.
	 * @param nearCache this replica's rendered pages
	 * @param viewers the same token verification as the resource server
	 * @param responses the same headers and 304 handling as {@link HomeController}
	 * @param meterRegistry where answers from memory are counted as requests
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<CachedHomeFilter> cachedHomeFilter(NearCache nearCache, BearerViewers viewers,
			HomeResponses responses, MeterRegistry meterRegistry) {
		FilterRegistrationBean<CachedHomeFilter> registration = new FilterRegistrationBean<>(
				new CachedHomeFilter(nearCache, viewers, responses, meterRegistry));
		registration.addUrlPatterns("/home");
		registration.setOrder(FAST_PATH_ORDER);
		return registration;
	}

}
