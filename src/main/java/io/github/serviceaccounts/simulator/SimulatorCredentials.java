package io.github.serviceaccounts.simulator;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When the embedded simulator stands in for ServiceNow (no {@code servicenow.base-url}),
 * its integration password and OAuth client secret are generated for the run unless given
 * ({@code SERVICENOW_PASSWORD}, {@code servicenow-simulator.oauth-client-secret}), and
 * the application's client uses the same ones. Nobody can guess them; the simulator
 * prints them as it starts ({@link ServiceNowSimulatorConfiguration}). Registered in
 * {@code META-INF/spring.factories}.
 */
class SimulatorCredentials implements EnvironmentPostProcessor {

	static final String SOURCE = "servicenowSimulatorCredentials";

	/**
	 * Set when the password was generated here, so that it may be shown; a given one
	 * never is.
	 */
	static final String GENERATED = "servicenow-simulator.password-generated";

	private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!blank(environment.getProperty("servicenow.base-url"))) {
			return;
		}
		Map<String, Object> generated = new HashMap<>();
		String password = environment.getProperty("servicenow-simulator.password");
		if (blank(password)) {
			password = environment.getProperty("servicenow.password");
		}
		if (blank(password)) {
			password = generate();
			generated.put("servicenow.password", password);
			generated.put(GENERATED, "true");
		}
		generated.put("servicenow-simulator.password", password);
		String username = environment.getProperty("servicenow.username");
		if (!blank(username) && blank(environment.getProperty("servicenow-simulator.username"))) {
			generated.put("servicenow-simulator.username", username);
		}
		if (blank(environment.getProperty("servicenow-simulator.oauth-client-secret"))) {
			String secret = environment.getProperty("servicenow.oauth.client-secret");
			generated.put("servicenow-simulator.oauth-client-secret", blank(secret) ? generate() : secret);
		}
		environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, generated));
	}

	private static String generate() {
		StringBuilder value = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return value.toString();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
