package de.check24.homewidgets.product.security;

import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a body that names another user than the core's token, right after it is read
 * and before the controller runs. A missing or invalid id is left to validation.
 */
@ControllerAdvice
class ActingUserBodyCheck extends RequestBodyAdviceAdapter {

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return ActsForUser.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		if (body instanceof ActsForUser actsFor && actsFor.userId() != null && actsFor.userId() > 0) {
			Caller.current().requireMayActFor(actsFor.userId());
		}
		return body;
	}

}
