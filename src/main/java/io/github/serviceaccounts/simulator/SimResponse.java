package io.github.serviceaccounts.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the simulator answers, kept apart from the servlet API so faults can rewrite it.
 */
record SimResponse(int status, Map<String, String> headers, String contentType, byte[] body) {

	static final String JSON = "application/json;charset=UTF-8";

	SimResponse {
		headers = new LinkedHashMap<>(headers);
	}

	static SimResponse json(int status, Object body) {
		return new SimResponse(status, Map.of(), JSON, SimulatorJson.write(body));
	}

	static SimResponse error(int status, String message, String detail) {
		return json(status, SimulatorJson.error(message, detail));
	}

	static SimResponse empty(int status) {
		return new SimResponse(status, Map.of(), null, null);
	}

	static SimResponse text(int status, String contentType, String body) {
		return new SimResponse(status, Map.of(), contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	SimResponse withHeader(String name, String value) {
		SimResponse copy = new SimResponse(status, headers, contentType, body);
		copy.headers.put(name, value);
		return copy;
	}

	boolean isSuccess() {
		return status >= 200 && status < 300;
	}

	String bodyText() {
		return body == null ? "" : new String(body, StandardCharsets.UTF_8);
	}
}
