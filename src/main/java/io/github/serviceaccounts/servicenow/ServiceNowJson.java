package io.github.serviceaccounts.servicenow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reading ServiceNow's JSON: strict about the document, lenient about the shape of a
 * field value.
 */
final class ServiceNowJson {

	// Strict on purpose: a body that the quota cancelled mid-stream can be cut off, or
	// have an error
	// object appended after the result. Both must fail parsing rather than yield a
	// partial answer.
	private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

	private ServiceNowJson() {
	}

	/** Parses a whole body; an empty body gives a missing node. */
	static JsonNode parse(byte[] body) throws JsonProcessingException {
		try {
			return MAPPER.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// readTree(byte[]) reads memory only, so this cannot happen; it is declared
			// by the API.
			throw new UncheckedIOException(ex);
		}
	}

	/** Serialises a request body; values stay strings, as the Table API expects. */
	static byte[] write(Map<String, String> fields) {
		try {
			return MAPPER.writeValueAsBytes(fields);
		}
		catch (JsonProcessingException ex) {
			// A map of strings always serialises.
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A field's value as a string, {@code ""} when missing or null. Reference fields
	 * arrive as a bare sys_id (with {@code sysparm_exclude_reference_link=true}), as
	 * {@code {"link":..,"value":..}}, or, with {@code sysparm_display_value=all}, as
	 * {@code {"display_value":..,"value":..}}; only {@code value} is used, never
	 * {@code link} (it points at whatever host ServiceNow believes it is).
	 */
	static String text(JsonNode record, String field) {
		JsonNode value = record.get(field);
		if (value != null && value.isObject()) {
			value = value.get("value");
		}
		if (value == null || value.isNull() || !value.isValueNode()) {
			return "";
		}
		return value.asText();
	}

	/**
	 * ServiceNow sends booleans as {@code "true"}/{@code "false"}; anything else counts
	 * as false.
	 */
	static boolean bool(JsonNode record, String field) {
		return "true".equalsIgnoreCase(text(record, field).trim());
	}

}
