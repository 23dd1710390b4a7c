package de.check24.homewidgets.core.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The core's request bodies are small JSON documents: a body must declare its length, and
 * that length must be within the limit (413). Refusing chunked bodies up front means no
 * body is ever read further than its declared size. A wildcard {@code Content-Type}
 * ({@code application/*}) is a 415.
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
		if (hasWildcardType(request.getContentType())) {
			// Spring MVC fails with an IllegalArgumentException (a 500) on reading such a
			// body
			this.problems.write(request, response, CoreProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"unsupported-media-type", "Unsupported Media Type", "Send request bodies as application/json"));
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

	private static boolean hasWildcardType(String contentType) {
		try {
			return contentType != null && !MediaType.parseMediaType(contentType).isConcrete();
		}
		catch (InvalidMediaTypeException ex) {
			// Spring MVC answers an unreadable type itself, with a 415 problem
			return false;
		}
	}

}
