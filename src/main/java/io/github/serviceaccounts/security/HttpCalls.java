package io.github.serviceaccounts.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks the thread that serves an HTTP request, whatever its path, so that
 * {@link EngineGuard} treats every command that request causes as coming from outside,
 * even where no person is authenticated for it.
 */
final class HttpCalls extends OncePerRequestFilter {

	private static final ThreadLocal<Boolean> IN_PROGRESS = new ThreadLocal<>();

	static boolean inProgress() {
		return Boolean.TRUE.equals(IN_PROGRESS.get());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Boolean outer = IN_PROGRESS.get();
		IN_PROGRESS.set(Boolean.TRUE);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (outer == null) {
				IN_PROGRESS.remove();
			}
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
