package io.github.serviceaccounts.servicenow;

import java.net.URI;
import java.util.function.Supplier;

import org.springframework.core.env.Environment;

/**
 * The instance URL: {@code servicenow.base-url} when set, otherwise the embedded
 * simulator of this very application. The simulator's URL is worked out once the web
 * server has started, because only then is the port known ({@code local.server.port},
 * e.g. with {@code server.port=0}); until then each call works it out again.
 */
final class ServiceNowBaseUrl implements Supplier<String> {

	static final String SIMULATOR_PATH = "/servicenow-simulator";

	private final String configured;

	private final Environment environment;

	private volatile String simulatorUrl;

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
		String known = this.simulatorUrl;
		if (known != null) {
			return known;
		}
		String localPort = this.environment.getProperty("local.server.port");
		String port = (localPort != null) ? localPort : this.environment.getProperty("server.port", "8080");
		// The simulator is a servlet endpoint of this application, so it lives under its
		// context path.
		String contextPath = withoutTrailingSlash(this.environment.getProperty("server.servlet.context-path", ""));
		String url = "http://localhost:" + port + contextPath + SIMULATOR_PATH;
		if (localPort != null) {
			// Environment look-ups walk every property source; the answer no longer
			// changes.
			this.simulatorUrl = url;
		}
		return url;
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
