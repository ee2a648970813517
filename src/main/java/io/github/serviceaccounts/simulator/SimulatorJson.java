package io.github.serviceaccounts.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The simulator's own ObjectMapper: the wire format must look like ServiceNow's whatever
 * the product does to the application's shared mapper.
 */
final class SimulatorJson {

	static final ObjectMapper MAPPER = JsonMapper.builder()
		.findAndAddModules()
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private SimulatorJson() {
	}

	static byte[] write(Object value) {
		try {
			return MAPPER.writeValueAsBytes(value);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** ServiceNow's error envelope; detail may be null, as on real instances. */
	static Map<String, Object> error(String message, String detail) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("detail", detail);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("status", "failure");
		return body;
	}

}
