package io.github.serviceaccounts.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every API request, before authentication: a body larger than the
 * limit is refused with 413, from its declared length when there is one, otherwise as
 * soon as more than the limit has been read. Nothing is buffered here, so no caller,
 * authenticated or not, can make the application hold a body larger than the limit. Every
 * form and query the product takes fits in far less.
 */
final class BodySizeLimit extends OncePerRequestFilter {

	static final long DEFAULT_LIMIT = 1024 * 1024;

	private final long limit;

	BodySizeLimit(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			EngineApiWall.answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "InvalidRequestException",
					"The request body is larger than " + limit + " bytes");
			return;
		}
		try {
			chain.doFilter(new Limited(request, limit), response);
		}
		catch (TooLarge ex) {
			if (!response.isCommitted()) {
				response.reset();
				EngineApiWall.answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
						"InvalidRequestException", "The request body is larger than " + limit + " bytes");
			}
		}
	}

	static final class TooLarge extends IOException {

		TooLarge() {
			super("request body over the limit");
		}

	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream in = super.getInputStream();
				stream = new ServletInputStream() {
					private long read;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0 && ++read > limit) {
							throw new TooLarge();
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = in.read(buffer, offset, length);
						if (n > 0 && (read += n) > limit) {
							throw new TooLarge();
						}
						return n;
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}
				};
			}
			return stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			return new BufferedReader(new InputStreamReader(getInputStream(),
					getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
		}

	}

}
