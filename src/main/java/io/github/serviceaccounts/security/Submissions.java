package io.github.serviceaccounts.security;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the HTTP wall refuses in the body of a start or a completion, with a message that
 * names the field: instructions to start elsewhere than the start event, skipped
 * listeners or I/O mappings, and values of a type no form field holds (Json, Xml, Object,
 * Bytes, File, ...). {@link EngineGuard} refuses all of these too; here the caller learns
 * which field broke which rule before the REST layer answers without naming it.
 */
final class Submissions {

	static final String FORBIDDEN = "Process instances start only at their start event";

	private static final ObjectMapper JSON = new ObjectMapper();

	private Submissions() {
	}

	static Optional<String> refusal(byte[] body) {
		JsonNode root;
		try {
			root = body.length == 0 ? null : JSON.readTree(body);
		}
		catch (IOException ex) {
			return Optional.empty(); // not JSON: the REST layer refuses it itself
		}
		if (root == null) {
			return Optional.empty();
		}
		if (root.path("startInstructions").size() > 0) {
			return Optional.of(FORBIDDEN + " (startInstructions refused)");
		}
		if (root.path("skipCustomListeners").asBoolean(false) || root.path("skipIoMappings").asBoolean(false)) {
			return Optional.of("skipCustomListeners, skipIoMappings: listeners and I/O mappings are never skipped");
		}
		for (Iterator<Map.Entry<String, JsonNode>> variables = root.path("variables").fields(); variables.hasNext();) {
			Map.Entry<String, JsonNode> variable = variables.next();
			JsonNode type = variable.getValue().path("type");
			if (type.isTextual() && !EngineGuard.PLAIN_TYPES.contains(type.asText().toLowerCase(Locale.ROOT))) {
				return Optional.of(variable.getKey().replaceAll("[^A-Za-z0-9_.-]", "?") + ": a value of type '"
						+ type.asText().replaceAll("[^A-Za-z0-9_.-]", "?")
						+ "' is not accepted; the form's fields take text or true/false");
			}
		}
		return Optional.empty();
	}

}
