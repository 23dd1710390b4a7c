package de.check24.homewidgets.product.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses a request whose path ({@code {userId}}) or query ({@code user_id}) names
 * another user than the token's, and lets a token without a user only read the generic
 * widgets. Bodies are checked by {@link ActingUserBodyCheck}.
 */
class ActingUserCheck implements HandlerInterceptor {

	static final String USER_ID_VARIABLE = "userId";

	static final String USER_ID_PARAMETER = "user_id";

	static final String GENERIC_WIDGETS = "/widget/{serviceKey}";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Caller caller = Caller.current();
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get(USER_ID_VARIABLE) instanceof String named) {
			Caller.parseUserId(named).ifPresent(caller::requireMayActFor);
		}
		String[] queried = request.getParameterValues(USER_ID_PARAMETER);
		if (queried != null) {
			for (String named : queried) {
				Caller.parseUserId(named).ifPresent(caller::requireMayActFor);
			}
		}
		if (caller.isAnonymous() && !readsGenericWidgets(request)) {
			throw ForeignUser.anonymousMayOnlyReadGenericWidgets();
		}
		return true;
	}

	private static boolean readsGenericWidgets(HttpServletRequest request) {
		return HttpMethod.GET.matches(request.getMethod())
				&& GENERIC_WIDGETS.equals(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
	}

}
