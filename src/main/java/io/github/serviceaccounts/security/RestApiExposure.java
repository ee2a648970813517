package io.github.serviceaccounts.security;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine REST API offers far more than this product needs (deployments with scripts, engine
 * properties, identity administration, ...). Only what requesters, approvers, operators and a
 * ServiceNow catalog item use is let through; the rest answers 403 before it reaches the engine.
 */
class RestApiExposure extends OncePerRequestFilter {

	private record Route(String method, Pattern path) {
	}

	private static final String ID = "[A-Za-z0-9:._-]+";

	private static final List<Route> ROUTES = List.of(
			route("GET", "/engine"),
			route("GET", "/version"),
			route("GET", "/process-definition(/.*)?"),
			route("POST", "/process-definition/(key/serviceAccountRequest|" + ID + ")/(start|submit-form)"),
			route("GET", "/task(/.*)?"),
			route("POST", "/task(/count)?"),
			route("POST", "/task/" + ID + "/(complete|submit-form|claim|unclaim)"),
			route("GET", "/process-instance(/.*)?"),
			route("POST", "/process-instance(/count)?"),
			route("GET", "/history/.*"),
			route("POST", "/history/(process-instance|activity-instance|task)(/count)?"),
			route("GET", "/incident(/.*)?"),
			route("GET", "/job(/.*)?"),
			route("PUT", "/job/" + ID + "/retries"));

	private static Route route(String method, String path) {
		return new Route(method, Pattern.compile(path));
	}

	static boolean exposed(String method, String path) {
		return ROUTES.stream().anyMatch(route -> route.method().equals(method) && route.path().matcher(path).matches());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		path = path.startsWith("/engine-rest") ? path.substring("/engine-rest".length()) : path;
		// The default engine's longer form /engine/default/... is the same API.
		path = path.replaceFirst("^/engine/default(?=/)", "");
		if (exposed(request.getMethod(), path)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType("application/json");
		response.getWriter().write("{\"type\":\"Forbidden\",\"message\":\"This application does not expose "
				+ request.getMethod() + " on this path of the engine REST API\"}");
	}
}
