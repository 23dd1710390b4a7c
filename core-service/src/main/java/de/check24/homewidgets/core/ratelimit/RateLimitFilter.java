package de.check24.homewidgets.core.ratelimit;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.check24.homewidgets.core.security.BearerViewers;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.web.CoreProblem;
import de.check24.homewidgets.core.web.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing every public request meets, ahead of the in-memory {@code /home} fast
 * path and the security chain, so that no cached page is a way around the limits. A
 * request over a limit gets a 429 problem with {@code Retry-After} and the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} headers. The client address is the one
 * the load balancer reports (Tomcat's remote IP handling trusts only internal proxies).
 */
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimits limits;

	private final BearerViewers viewers;

	private final ProblemWriter problems;

	private final List<String> exempt;

	RateLimitFilter(RateLimits limits, BearerViewers viewers, ProblemWriter problems, List<String> exempt) {
		this.limits = limits;
		this.viewers = viewers;
		this.problems = problems;
		this.exempt = exempt;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if ("OPTIONS".equals(request.getMethod())) {
			return true;
		}
		String path = request.getRequestURI();
		for (String prefix : this.exempt) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// an invalid token counts against its address only; the chain then refuses it
		Long userId = this.viewers.resolve(request.getHeader(HttpHeaders.AUTHORIZATION))
			.map(Viewer::userId)
			.orElse(null);
		RateLimits.Exceeded exceeded = this.limits.consume(request.getRemoteAddr(), userId);
		if (exceeded == null) {
			chain.doFilter(request, response);
			return;
		}
		long window = exceeded.window().toSeconds();
		long reset = Math.max(1, (exceeded.retryAfter().toMillis() + 999) / 1000);
		response.setHeader("RateLimit-Policy", "\"" + exceeded.name() + "\";q=" + exceeded.requests() + ";w=" + window);
		response.setHeader("RateLimit", "\"" + exceeded.name() + "\";r=0;t=" + reset);
		CoreProblem problem = CoreProblem.rateLimited("More than " + exceeded.requests() + " requests in " + window
				+ " s from this " + ("ip".equals(exceeded.name()) ? "address" : "user"), exceeded.retryAfter());
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(reset));
		this.problems.write(request, response, problem);
	}

}
