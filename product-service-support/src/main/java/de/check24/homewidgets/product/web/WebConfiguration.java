package de.check24.homewidgets.product.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final ServiceKeyCheck serviceKeyCheck;

	WebConfiguration(ServiceKeyCheck serviceKeyCheck) {
		this.serviceKeyCheck = serviceKeyCheck;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.serviceKeyCheck).addPathPatterns("/widget/**");
	}

}
