package io.github.serviceaccounts.security;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP wall in front of both doors to the engine: the engine REST API
 * ({@code /engine-rest}) and the web apps' engine API that Tasklist, Cockpit and Admin
 * use ({@code /camunda/api/engine}). It is the second wall: {@link EngineGuard} enforces
 * the same guarantees inside the engine whatever the URL. In this order:
 * <ol>
 * <li>the path must be canonical (no {@code ;} parameters, no percent-encoding, no
 * {@code //}, {@code .} or {@code ..} segments, no backslash), otherwise 400: what is
 * checked is what the router dispatches;</li>
 * <li>the caller must be authenticated (basic credentials at {@code /engine-rest}, a web
 * app session at {@code /camunda/api/engine}), otherwise 401, before any body is read;
 * only the web apps' list of engines, which their login page needs, answers without;</li>
 * <li>the method and path must be on one allow-list, the same for both doors, otherwise
 * 403;</li>
 * <li>a query's parameters and body must hold no expression ({@code ...Expression}
 * fields, {@code ${} or {@code #{}) at any depth, otherwise 400.</li>
 * </ol>
 * Bodies are limited in size before this ({@link BodySizeLimit}).
 */
final class EngineApiWall extends OncePerRequestFilter {

	static final String ENGINE_REST = "/engine-rest";
	static final String WEB_APPS_ENGINE_API = "/camunda/api/engine";

	private static final String ENGINE = "default";

	static final Pattern NOT_CANONICAL = Pattern.compile(".*(;|%|//|\\\\|/\\./|/\\.\\./|/\\.$|/\\.\\.$).*");

	private static final Pattern NAMED_ENGINE = Pattern.compile("/engine/([^/]+)(/.*)?");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Predicate<HttpServletRequest> engineRestAuthenticated;

	/**
	 * @param engineRestAuthenticated whether the engine REST API's authentication filter
	 * accepted the caller
	 */
	EngineApiWall(Predicate<HttpServletRequest> engineRestAuthenticated) {
		this.engineRestAuthenticated = engineRestAuthenticated;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		if (NOT_CANONICAL.matcher(uri).matches()) {
			answer(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
					"The path is not in canonical form (no ';' parameters, percent-encoding, '//', '.' or '..' segments)");
			return;
		}
		boolean webApps = uri.startsWith(WEB_APPS_ENGINE_API + "/");
		// The web apps ask for the list of engines before anyone logs in, to show the
		// login page; it names
		// the engine "default" and nothing else. Everything else, and the engine REST
		// API's list, needs a login.
		boolean engineList = webApps && "GET".equals(request.getMethod())
				&& apiPath(uri, true).filter(String::isEmpty).isPresent() && uri.endsWith("/engine/");
		if (!engineList && !(webApps ? hasWebAppSession(request) : engineRestAuthenticated.test(request))) {
			answer(response, HttpServletResponse.SC_UNAUTHORIZED, "AuthenticationException", "Authentication required");
			return;
		}
		Optional<String> path = apiPath(uri, webApps);
		if (path.isEmpty() || !EngineApiRoutes.allowed(request.getMethod(), path.get())) {
			answer(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "This application does not expose "
					+ request.getMethod() + " " + path.orElse("on this path") + " of the engine API");
			return;
		}
		HttpServletRequest forward = request;
		if (EngineApiRoutes.isSubmission(request.getMethod(), path.get()) && hasJsonBody(request)) {
			byte[] body = request.getInputStream().readAllBytes();
			forward = new CachedBodyRequest(request, body);
			Optional<String> refused = Submissions.refusal(body);
			if (refused.isPresent()) {
				answer(response, refused.get().startsWith(Submissions.FORBIDDEN) ? HttpServletResponse.SC_FORBIDDEN
						: HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException", refused.get());
				return;
			}
		}
		Optional<String> expression = inParameters(request.getParameterMap());
		if (expression.isEmpty() && EngineApiRoutes.isQuery(request.getMethod(), path.get()) && hasJsonBody(request)) {
			byte[] body = request.getInputStream().readAllBytes();
			forward = new CachedBodyRequest(request, body);
			expression = inJson(body);
		}
		if (expression.isPresent()) {
			answer(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
					"Expressions are not allowed in queries (" + expression.get().replaceAll("[^A-Za-z0-9_.\\[\\]]", "")
							+ ")");
			return;
		}
		chain.doFilter(forward, response);
	}

	/**
	 * The path within the API of the default engine, as the router dispatches it:
	 * {@code /engine-rest/task} and {@code /engine-rest/engine/default/task} are the
	 * same; the web apps always name the engine. A trailing slash is dispatched as if it
	 * were absent, so it is judged that way. Another engine name has no route.
	 */
	static Optional<String> apiPath(String uri, boolean webApps) {
		String path = uri.substring(webApps ? WEB_APPS_ENGINE_API.length() : ENGINE_REST.length());
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		if (path.equals("/engine")) {
			return Optional.of(""); // the list of engines
		}
		Matcher named = NAMED_ENGINE.matcher(path);
		if (named.matches()) {
			return ENGINE.equals(named.group(1)) ? Optional.of(named.group(2) == null ? "" : named.group(2))
					: Optional.empty();
		}
		return webApps ? Optional.empty() : Optional.of(path);
	}

	private static boolean hasWebAppSession(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return false;
		}
		Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
		return authentications != null && authentications.getAuthenticationForProcessEngine(ENGINE) != null;
	}

	private static boolean hasJsonBody(HttpServletRequest request) {
		return request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).contains("json");
	}

	static Optional<String> inParameters(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (isExpressionField(parameter.getKey())) {
				return Optional.of(parameter.getKey());
			}
			for (String value : parameter.getValue()) {
				if (isExpression(value)) {
					return Optional.of(parameter.getKey());
				}
			}
		}
		return Optional.empty();
	}

	static Optional<String> inJson(byte[] body) {
		try {
			return find(JSON.readTree(body), "");
		}
		catch (IOException ex) {
			return Optional.empty(); // not JSON: the engine refuses it itself
		}
	}

	private static Optional<String> find(JsonNode node, String path) {
		if (node == null) {
			return Optional.empty();
		}
		if (node.isTextual()) {
			return isExpression(node.asText()) ? Optional.of(path) : Optional.empty();
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				Optional<String> found = find(node.get(i), path + "[" + i + "]");
				if (found.isPresent()) {
					return found;
				}
			}
		}
		for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
			if (isExpressionField(field.getKey()) && !field.getValue().isNull()) {
				return Optional.of(fieldPath);
			}
			Optional<String> found = find(field.getValue(), fieldPath);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	private static boolean isExpressionField(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith("expression");
	}

	private static boolean isExpression(String value) {
		return value != null && (value.contains("${") || value.contains("#{"));
	}

	static void answer(HttpServletResponse response, int status, String type, String message) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.getWriter()
			.write("{\"type\":\"" + type + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "'")
					+ "\"}");
	}

	static List<String> doors() {
		return List.of(ENGINE_REST + "/*", WEB_APPS_ENGINE_API + "/*");
	}

}
