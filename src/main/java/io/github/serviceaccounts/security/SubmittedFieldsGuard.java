package io.github.serviceaccounts.security;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A start or a task completion over HTTP may set only the fields of its own form. Without this,
 * a caller could overwrite what the process relies on, e.g. name another person as the requester
 * at the start, change the account name while approving, or point {@code accountSysId} at someone
 * else's account while validating. Variables cannot be changed over HTTP in any other way
 * ({@link RestApiExposure}; the web apps' variable endpoints are closed here too).
 */
class SubmittedFieldsGuard extends OncePerRequestFilter {

	static final String START_FORM = "requestServiceAccount";
	private static final Pattern START = Pattern.compile(".*/process-definition/(key/[^/]+|[^/]+)/(start|submit-form)$");
	private static final Pattern COMPLETE = Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve)$");
	private static final Pattern VARIABLES = Pattern.compile(".*/(task|process-instance|execution|case-instance|case-execution)/[^/]+/(variables|localVariables)(/.*)?$");
	private static final ObjectMapper JSON = new ObjectMapper();
	// The value types a form field can hold; the request rules then say which one each field takes.
	// Anything else (Json, Xml, Object, Bytes, File, ...) the engine cannot store here or would
	// deserialize: refused with the field's name instead of the engine's message without it.
	private static final Set<String> VALUE_TYPES = Set.of("string", "boolean", "integer", "long", "short", "double", "date", "null");

	private final FormFields forms;
	private final Function<String, Optional<String>> taskFormOf;

	/** @param taskFormOf the form (= task definition key) of a task id, if that task exists */
	SubmittedFieldsGuard(FormFields forms, Function<String, Optional<String>> taskFormOf) {
		this.forms = forms;
		this.taskFormOf = taskFormOf;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		if ("GET".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		if (VARIABLES.matcher(path).matches()) {
			refuse(response, HttpServletResponse.SC_FORBIDDEN,
					"Variables are changed only through the forms of the process, not directly");
			return;
		}
		Optional<String> form = Optional.empty();
		Matcher start = START.matcher(path);
		Matcher complete = COMPLETE.matcher(path);
		if (start.matches()) {
			form = Optional.of(START_FORM);
		}
		else if (complete.matches()) {
			form = taskFormOf.apply(complete.group(1));
		}
		if (form.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		Set<String> allowed = forms.editable(form.get()).orElse(Set.of());
		Set<String> refused = new TreeSet<>();
		JsonNode variables = readVariables(body);
		for (Iterator<String> names = variables.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!allowed.contains(name)) {
				refused.add(name);
			}
		}
		if (!refused.isEmpty()) {
			refuse(response, HttpServletResponse.SC_BAD_REQUEST, String.join(", ", refused).replaceAll("[^A-Za-z0-9_, .-]", "?")
					+ ": not a field of the form " + form.get() + " (its fields: " + String.join(", ", new TreeSet<>(allowed)) + ")");
			return;
		}
		for (Iterator<String> names = variables.fieldNames(); names.hasNext();) {
			String name = names.next();
			JsonNode type = variables.path(name).path("type");
			if (type.isTextual() && !VALUE_TYPES.contains(type.asText().toLowerCase(Locale.ROOT))) {
				refuse(response, HttpServletResponse.SC_BAD_REQUEST, name + ": a value of type '"
						+ type.asText().replaceAll("[^A-Za-z0-9_.-]", "?") + "' is not accepted; the form's fields take text or true/false");
				return;
			}
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private static JsonNode readVariables(byte[] body) {
		try {
			JsonNode root = body.length == 0 ? null : JSON.readTree(body);
			return root == null ? JSON.createObjectNode() : root.path("variables");
		}
		catch (IOException ex) {
			return JSON.createObjectNode(); // not JSON: the engine refuses it itself
		}
	}

	private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.getWriter().write("{\"type\":\"InvalidRequestException\",\"message\":\"" + message.replace("\"", "'") + "\"}");
	}
}
