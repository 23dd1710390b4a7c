package de.check24.homewidgets.core.graphql;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import de.check24.homewidgets.core.web.CoreProblem;
import de.check24.homewidgets.core.web.ProblemWriter;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * GraphQL requests are small; one larger than the limit is refused with 413 before any of
 * it is parsed. A declared length over the limit is refused unread; a chunked body, which
 * {@code RequestBodyLimit} already refuses on every route, would be read up to the limit
 * and no further.
 */
class BoundedRequestBodies extends OncePerRequestFilter {

	private final int maxBytes;

	private final ProblemWriter problems;

	BoundedRequestBodies(int maxBytes, ProblemWriter problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.problems.write(request, response, CoreProblem.requestTooLarge(this.maxBytes));
			return;
		}
		byte[] body = request.getInputStream().readNBytes(this.maxBytes + 1);
		if (body.length > this.maxBytes) {
			this.problems.write(request, response, CoreProblem.requestTooLarge(this.maxBytes));
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	/** The request with the body this filter has read. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body has been read already");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
