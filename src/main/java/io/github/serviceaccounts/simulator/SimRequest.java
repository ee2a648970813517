package io.github.serviceaccounts.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call to the simulator, path relative to its prefix. Parameters are parsed from the
 * raw query string (not the servlet's parameter map) so a form body is never consumed by
 * accident.
 *
 * @param instanceUrl what links and Location headers start with, e.g.
 * http://localhost:8080/servicenow-simulator
 */
record SimRequest(String method, String path, String rawQuery, Map<String, List<String>> params, String authorization,
		String cookies, byte[] body, String instanceUrl) {

	static Map<String, List<String>> parseForm(String encoded) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return params;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
			params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return params;
	}

	String param(String name) {
		List<String> values = params.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	boolean flag(String name) {
		return "true".equalsIgnoreCase(param(name));
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException malformed) {
			return text;
		}
	}
}
