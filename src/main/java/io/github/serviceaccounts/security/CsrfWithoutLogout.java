package io.github.serviceaccounts.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's CSRF filter ends the session of a request whose token is missing or wrong. A
 * page on another site can send such a request with the victim's cookie, and so log
 * anyone out of Tasklist and Cockpit at will. This filter runs first and refuses such a
 * request itself (403, the same as Camunda's), leaving the session alone; a request
 * without a session or without a token in it goes on to Camunda's filter unchanged.
 */
final class CsrfWithoutLogout extends OncePerRequestFilter {

	// As Camunda's CsrfConstants: the session attribute and the header that must match
	// it.
	static final String SESSION_TOKEN = "CAMUNDA_CSRF_TOKEN";
	static final String HEADER = "X-XSRF-TOKEN";

	private static final Set<String> NON_MODIFYING = Set.of("GET", "HEAD", "OPTIONS");

	private final Set<String> entryPoints;

	/**
	 * @param entryPoints {@code camunda.bpm.webapp.csrf.entry-points}: paths Camunda lets
	 * through without a token
	 */
	CsrfWithoutLogout(List<String> entryPoints) {
		this.entryPoints = entryPoints == null ? Set.of() : Set.copyOf(entryPoints);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Object expected = session == null ? null : session.getAttribute(SESSION_TOKEN);
		if (NON_MODIFYING.contains(request.getMethod()) || entryPoints.contains(path)
				|| !(expected instanceof String token) || token.isBlank()) {
			chain.doFilter(request, response);
			return;
		}
		String given = request.getHeader(HEADER);
		if (given == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
				given.getBytes(StandardCharsets.UTF_8))) {
			response.setHeader(HEADER, "Required");
			EngineApiWall.answer(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
					"CSRF token missing or wrong; the session is kept");
			return;
		}
		chain.doFilter(request, response);
	}

}
