package de.check24.homewidgets.core.web;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestProperties.class)
class WebConfiguration {

	@Bean
	ProblemWriter problemWriter(ObjectMapper objectMapper) {
		return new ProblemWriter(objectMapper);
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(RequestProperties properties, ProblemWriter problems) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(properties.maxBodySize().toBytes(), problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
