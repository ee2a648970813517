package io.github.serviceaccounts.servicenow;

import java.net.URI;
import java.util.function.Supplier;

import org.springframework.core.env.Environment;

/**
 * The instance URL: {@code servicenow.base-url} when set, otherwise the embedded simulator of this very
 * application. The simulator's URL is worked out on every call because the port is only known once the
 * web server has started ({@code local.server.port}, e.g. with {@code server.port=0}).
 */
final class ServiceNowBaseUrl implements Supplier<String> {

	static final String SIMULATOR_PATH = "/servicenow-simulator";

	private final String configured;

	private final Environment environment;

	ServiceNowBaseUrl(String configured, Environment environment) {
		this.configured = (configured == null || configured.isBlank()) ? null : checked(configured);
		this.environment = environment;
	}

	boolean usesSimulator() {
		return this.configured == null;
	}

	@Override
	public String get() {
		if (this.configured != null) {
			return this.configured;
		}
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		// The simulator is a servlet endpoint of this application, so it lives under its context path.
		String contextPath = withoutTrailingSlash(this.environment.getProperty("server.servlet.context-path", ""));
		return "http://localhost:" + port + contextPath + SIMULATOR_PATH;
	}

	private static String checked(String url) {
		String trimmed = withoutTrailingSlash(url.strip());
		URI uri;
		try {
			uri = URI.create(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("servicenow.base-url is not a valid URL; expected something like "
					+ "https://acme.service-now.com");
		}
		if (uri.getUserInfo() != null) {
			// Not echoed: the URL holds a password.
			throw new IllegalStateException("servicenow.base-url must not contain credentials; "
					+ "use servicenow.username and servicenow.password");
		}
		boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
		if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
			throw new IllegalStateException("servicenow.base-url '" + trimmed
					+ "' must be an http(s) URL without query, such as https://acme.service-now.com");
		}
		return trimmed;
	}

	private static String withoutTrailingSlash(String value) {
		String result = value;
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}
}
