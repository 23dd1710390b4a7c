package de.check24.homewidgets.product.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.check24.homewidgets.product.ProductProperties;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Answers 404 when {@code /widget/{serviceKey}/...} names another product, so the
 * controllers need not check the key themselves.
 */
@Component
class ServiceKeyCheck implements HandlerInterceptor {

	static final String SERVICE_KEY = "serviceKey";

	private final String key;

	ServiceKeyCheck(ProductProperties product) {
		this.key = product.key();
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables instanceof Map<?, ?> map && map.get(SERVICE_KEY) instanceof String requested
				&& !this.key.equals(requested)) {
			throw UnknownServiceKey.of(requested, this.key);
		}
		return true;
	}

}
