package de.check24.homewidgets.core.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The core's request bodies are small JSON documents: a body must declare its length, and
 * that length must be within the limit (413). Refusing chunked bodies up front means no
 * body is ever read further than its declared size.
 */
class RequestBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final ProblemWriter problems;

	RequestBodyLimit(long maxBytes, ProblemWriter problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.maxBytes) {
			this.problems.write(request, response, CoreProblem.requestTooLarge(this.maxBytes));
			return;
		}
		if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
			this.problems.write(request, response,
					CoreProblem.of(HttpStatus.LENGTH_REQUIRED, "length-required", "Length Required",
							"Send request bodies with a Content-Length of at most " + this.maxBytes + " bytes"));
			return;
		}
		chain.doFilter(request, response);
	}

}
