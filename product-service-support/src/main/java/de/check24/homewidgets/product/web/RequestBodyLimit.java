package de.check24.homewidgets.product.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Stops reading a request body once it grows past the limit. Counting the bytes read,
 * rather than trusting {@code Content-Length}, also catches chunked bodies; the reader's
 * {@link RequestBodyTooLarge} becomes a 400 problem. A wildcard {@code Content-Type}
 * ({@code application/*}) is a 415 problem.
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

	private final long limit;

	private final HandlerExceptionResolver problems;

	RequestBodyLimit(RequestLimitProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.limit = properties.maxBodySize().toBytes();
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (hasWildcardType(request.getContentType())) {
			// Spring MVC fails with an IllegalArgumentException (a 500) on reading such a
			// body
			this.problems.resolveException(request, response, null,
					new HttpMediaTypeNotSupportedException("Send request bodies as application/json"));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.limit), response);
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

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), getContentLengthLong(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long declaredLength;

		private final long limit;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long declaredLength, long limit) {
			this.delegate = delegate;
			this.declaredLength = declaredLength;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			checkDeclaredLength();
			int next = this.delegate.read();
			if (next != -1) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkDeclaredLength();
			int count = this.delegate.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void checkDeclaredLength() throws RequestBodyTooLarge {
			if (this.declaredLength > this.limit) {
				throw new RequestBodyTooLarge(this.limit);
			}
		}

		private void count(int bytes) throws RequestBodyTooLarge {
			this.read += bytes;
			if (this.read > this.limit) {
				throw new RequestBodyTooLarge(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
