package io.github.serviceaccounts.security;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Neutralises CVE-2026-109432 (expression injection through task queries). The engine's own switch
 * ({@code enableExpressionsInAdhocQueries=false}) refuses an expression at the top of a query but
 * not inside its {@code orQueries}, where it is evaluated. So every query that reaches the engine
 * through its REST API, directly ({@code /engine-rest}) or behind the web apps
 * ({@code /camunda/api/engine}), is refused when any of its fields is an expression field
 * ({@code ...Expression}) or any value holds {@code ${} or {@code #{}, however deeply nested.
 */
class QueryExpressionGuard extends OncePerRequestFilter {

	// Query endpoints: task, history and filter queries (a filter's "extending query" is a task query).
	private static final Pattern QUERY_PATH = Pattern.compile(".*/(task|task/count|history/task|history/task/count|filter(/.*)?)$");
	private static final ObjectMapper JSON = new ObjectMapper();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> found = inParameters(request.getParameterMap());
		HttpServletRequest forward = request;
		if (found.isEmpty() && QUERY_PATH.matcher(request.getRequestURI()).matches() && hasBody(request)) {
			byte[] body = request.getInputStream().readAllBytes();
			forward = new CachedBodyRequest(request, body);
			found = inJson(body);
		}
		if (found.isPresent()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType("application/json");
			response.getWriter().write("{\"type\":\"InvalidRequestException\",\"message\":\"Expressions are not allowed in queries ("
					+ found.get().replaceAll("[^A-Za-z0-9_.\\[\\]]", "") + ")\"}");
			return;
		}
		chain.doFilter(forward, response);
	}

	private static boolean hasBody(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) && request.getContentType() != null
				&& request.getContentType().toLowerCase(Locale.ROOT).contains("json");
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
}
