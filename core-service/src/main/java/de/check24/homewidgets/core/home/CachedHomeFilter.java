package de.check24.homewidgets.core.home;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import de.check24.homewidgets.core.security.BearerViewers;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The hot path of the platform: a {@code GET /home} whose page this replica holds in
 * memory is answered here, before the security filter chain and the MVC stack, which on a
 * cache hit cost several times more than the page itself. Everything else (no page in
 * memory, a token that does not verify, a cross-origin request) goes down the normal
 * chain, which answers exactly as before.
 */
class CachedHomeFilter extends OncePerRequestFilter {

	/** What Spring Security's header writer adds to every answer of the chain. */
	private static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff",
			"X-XSS-Protection", "0", "X-Frame-Options", "DENY");

	/** What the CORS filter adds to every answer of the chain, cross-origin or not. */
	private static final List<String> CORS_VARY = List.of(HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
			HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

	private final NearCache nearCache;

	private final BearerViewers viewers;

	private final HomeResponses responses;

	private final Timer ok;

	private final Timer notModified;

	CachedHomeFilter(NearCache nearCache, BearerViewers viewers, HomeResponses responses, MeterRegistry meterRegistry) {
		this.nearCache = nearCache;
		this.viewers = viewers;
		this.responses = responses;
		this.ok = requests(meterRegistry, "200", "SUCCESS");
		this.notModified = requests(meterRegistry, "304", "REDIRECTION");
	}

	/**
	 * The same meter the observation filter records every other request in (these answers
	 * never reach it), so request rate and latency count the answers from memory too.
	 */
	private static Timer requests(MeterRegistry meterRegistry, String status, String outcome) {
		return Timer.builder("http.server.requests")
			.tags("error", "none", "exception", "none", "method", "GET", "outcome", outcome, "status", status, "uri",
					"/home")
			.register(meterRegistry);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !"/home".equals(request.getRequestURI())
				|| request.getHeader(HttpHeaders.ORIGIN) != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		Optional<Viewer> viewer = this.viewers.resolve(request.getHeader(HttpHeaders.AUTHORIZATION));
		// a miss is counted by the chain's own lookup
		RenderedPage page = viewer.map(this.nearCache::peek).orElse(null);
		if (page == null) {
			chain.doFilter(request, response);
			return;
		}
		SECURITY_HEADERS.forEach(response::setHeader);
		CORS_VARY.forEach((value) -> response.addHeader(HttpHeaders.VARY, value));
		int status = this.responses.write(page, viewer.get(), request.getHeader(HttpHeaders.IF_NONE_MATCH), response);
		((status == 304) ? this.notModified : this.ok).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

}
