package io.github.serviceaccounts.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who calls the engine REST API: a bearer JWT of the configured issuer (when there is
 * one), mapped to a user id and groups by {@link IdentityClaims}, or HTTP basic
 * credentials of a Camunda user (unless switched off). Camunda's filter lets the list of
 * engines ({@code /engine}) through without credentials; here nothing is.
 * <p>
 * A refused token answers 401 (or 403 when none of the caller's groups is mapped) with
 * the reason, writes one log line without the token, and nothing runs.
 */
class EngineRestAuthentication extends ProcessEngineAuthenticationFilter {

	private static final Logger log = LoggerFactory.getLogger(EngineRestAuthentication.class);

	private final BearerTokens tokens;

	private final boolean basicAllowed;

	/**
	 * @param tokens the configured issuer's tokens; {@code null} when no issuer is
	 * configured
	 */
	EngineRestAuthentication(BearerTokens tokens, boolean basicAllowed) {
		this.tokens = tokens;
		this.basicAllowed = basicAllowed;
	}

	@Override
	protected boolean requiresEngineAuthentication(String requestUrl) {
		return true;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		HttpServletResponse answer = (HttpServletResponse) response;
		String authorization = http.getHeader("Authorization");
		if (!BearerTokens.isBearer(authorization)) {
			if (this.basicAllowed) {
				super.doFilter(request, response, chain);
				return;
			}
			answer.setHeader("WWW-Authenticate", "Bearer");
			EngineApiWall.answer(answer, 401, "AuthenticationException",
					this.tokens == null ? "The engine REST API accepts no credentials: configure an issuer "
							+ "(spring.security.oauth2.resourceserver.jwt.issuer-uri) or allow basic credentials "
							+ "(serviceaccounts.identity.rest-basic-auth)"
							: "Send a bearer token of the configured issuer (Authorization: Bearer ...); "
									+ "basic credentials are switched off here");
			return;
		}
		if (this.tokens == null) {
			refuse(http, answer, 401,
					"Bearer tokens are not accepted here: no issuer is configured; use basic credentials");
			return;
		}
		IdentityClaims.Identity identity;
		try {
			identity = this.tokens.identify(authorization);
		}
		catch (BearerTokens.KeysUnavailable ex) {
			log.warn("Engine REST API could not check a bearer token: the issuer's keys are not available");
			EngineApiWall.answer(answer, 503, "AuthenticationException", ex.getMessage());
			return;
		}
		catch (IdentityClaims.Refused ex) {
			refuse(http, answer, ex.status(), ex.getMessage());
			return;
		}
		ProcessEngine engine = getAddressedEngine(extractEngineName(
				http.getRequestURI().substring(http.getContextPath().length() + http.getServletPath().length())));
		if (engine == null) {
			EngineApiWall.answer(answer, 404, "InvalidRequestException", "No such process engine");
			return;
		}
		try {
			setAuthenticatedUser(engine, identity.userId(), identity.groupIds(), List.of());
			chain.doFilter(request, response);
		}
		finally {
			clearAuthentication(engine);
		}
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message)
			throws IOException {
		log.warn("Engine REST API refused a bearer token ({} {} {}): {}", status, request.getMethod(),
				request.getRequestURI(), message);
		response.setHeader("WWW-Authenticate",
				status == 401 ? "Bearer error=\"invalid_token\"" : "Bearer error=\"insufficient_scope\"");
		EngineApiWall.answer(response, status, "AuthenticationException", message);
	}

}
