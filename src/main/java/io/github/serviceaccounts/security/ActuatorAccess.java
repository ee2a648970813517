package io.github.serviceaccounts.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read the actuator ({@code /actuator}). Credentials are those the engine REST
 * API takes: HTTP basic ones that Camunda's identity service accepts, or a bearer token
 * of the configured issuer ({@link BearerTokens}, the same checks and group mapping):
 * <ul>
 * <li>credentials that are sent are checked on every actuator path: wrong ones answer 401
 * (a token whose groups map to nothing 403), with the reason; a refused token is logged
 * in one line, without the token;</li>
 * <li>the caller is then the request's user, in the roles of their Camunda groups, so
 * that {@code management.endpoint.health.show-details: when-authorized} with
 * {@code management.endpoint.health.roles} shows health details to the groups named there
 * (the {@code prod} profile names the metrics group);</li>
 * <li>health and its probes answer anyone (whether with details is Spring's decision, as
 * above);</li>
 * <li>unless metrics are open (the local default), everything else ({@code prometheus},
 * {@code info}, the list of endpoints) needs a member of the metrics group: no
 * credentials answer 401 with a basic challenge, another group 403.</li>
 * </ul>
 * The path is judged as the server dispatches it: one that is not canonical answers 400,
 * so that no {@code health/../prometheus} passes for health.
 */
final class ActuatorAccess extends OncePerRequestFilter {

	static final String CHALLENGE = "Basic realm=\"actuator\", charset=\"UTF-8\"";

	/** Checks a user's password and names their groups; empty when it is wrong. */
	interface Users {

		Optional<Set<String>> groupsOf(String user, String password);

	}

	private static final Logger log = LoggerFactory.getLogger(ActuatorAccess.class);

	private final Users users;

	private final BearerTokens tokens;

	private final String basePath;

	private final String metricsGroup;

	private final boolean metricsOpen;

	/**
	 * @param basePath where the actuator lives
	 * ({@code management.endpoints.web.base-path})
	 * @param metricsGroup the Camunda group whose members may read every endpoint
	 * @param metricsOpen whether everything but health answers without credentials
	 */
	ActuatorAccess(Users users, String basePath, String metricsGroup, boolean metricsOpen) {
		this(users, null, basePath, metricsGroup, metricsOpen);
	}

	/**
	 * @param tokens the configured issuer's bearer tokens; {@code null} when no issuer is
	 * configured
	 */
	ActuatorAccess(Users users, BearerTokens tokens, String basePath, String metricsGroup, boolean metricsOpen) {
		this.users = users;
		this.tokens = tokens;
		this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		this.metricsGroup = metricsGroup;
		this.metricsOpen = metricsOpen;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (EngineApiWall.NOT_CANONICAL.matcher(path).matches()) {
			EngineApiWall.answer(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
					"The path is not in canonical form (no ';' parameters, percent-encoding, '//', '.' or '..' segments)");
			return;
		}
		String authorization = request.getHeader("Authorization");
		Optional<Caller> caller = Optional.empty();
		if (BearerTokens.isBearer(authorization) && this.tokens != null) {
			try {
				IdentityClaims.Identity identity = this.tokens.identify(authorization);
				caller = Optional.of(new Caller(identity.userId(), Set.copyOf(identity.groupIds())));
			}
			catch (BearerTokens.KeysUnavailable ex) {
				log.warn("Actuator could not check a bearer token: the issuer's keys are not available");
				EngineApiWall.answer(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "AuthenticationException",
						ex.getMessage());
				return;
			}
			catch (IdentityClaims.Refused ex) {
				log.warn("Actuator refused a bearer token ({} {} {}): {}", ex.status(), request.getMethod(),
						request.getRequestURI(), ex.getMessage());
				response.setHeader("WWW-Authenticate",
						ex.status() == 401 ? "Bearer error=\"invalid_token\"" : "Bearer error=\"insufficient_scope\"");
				EngineApiWall.answer(response, ex.status(), "AuthenticationException", ex.getMessage());
				return;
			}
		}
		else if (authorization != null) {
			caller = caller(authorization);
			if (caller.isEmpty()) {
				challenge(response,
						BearerTokens.isBearer(authorization)
								? "Bearer tokens are not accepted here: no issuer is configured; use basic credentials"
								: "The user name or password is wrong");
				return;
			}
		}
		boolean health = path.equals(basePath + "/health") || path.startsWith(basePath + "/health/");
		if (!health && !metricsOpen) {
			if (caller.isEmpty()) {
				challenge(response, "Authentication required");
				return;
			}
			if (!caller.get().groups().contains(metricsGroup)) {
				EngineApiWall.answer(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
						"Only members of the group " + metricsGroup + " may read " + path);
				return;
			}
		}
		chain.doFilter(caller.<HttpServletRequest>map(c -> new Authenticated(request, c)).orElse(request), response);
	}

	private Optional<Caller> caller(String authorization) {
		if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		String user = decoded.substring(0, colon);
		return users.groupsOf(user, decoded.substring(colon + 1)).map(groups -> new Caller(user, Set.copyOf(groups)));
	}

	private static void challenge(HttpServletResponse response, String message) throws IOException {
		response.setHeader("WWW-Authenticate", CHALLENGE);
		EngineApiWall.answer(response, HttpServletResponse.SC_UNAUTHORIZED, "AuthenticationException", message);
	}

	private record Caller(String user, Set<String> groups) implements Principal {

		@Override
		public String getName() {
			return user;
		}

	}

	/** The request as the actuator sees it: from the caller, in their groups' roles. */
	private static final class Authenticated extends HttpServletRequestWrapper {

		private final Caller caller;

		Authenticated(HttpServletRequest request, Caller caller) {
			super(request);
			this.caller = caller;
		}

		@Override
		public Principal getUserPrincipal() {
			return caller;
		}

		@Override
		public String getRemoteUser() {
			return caller.user();
		}

		@Override
		public boolean isUserInRole(String role) {
			return caller.groups().contains(role);
		}

		@Override
		public String getAuthType() {
			return HttpServletRequest.BASIC_AUTH;
		}

	}

}
