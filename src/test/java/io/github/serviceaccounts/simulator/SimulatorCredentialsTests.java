package io.github.serviceaccounts.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * The simulator's credentials: nobody can guess them, and the application's client uses
 * the same.
 */
class SimulatorCredentialsTests {

	@Test
	void withoutAPasswordOneIsGeneratedForEachRunAndSharedWithTheClient() {
		MockEnvironment first = prepared(new MockEnvironment().withProperty("servicenow.username", "integration"));
		MockEnvironment second = prepared(new MockEnvironment().withProperty("servicenow.username", "integration"));

		String password = first.getProperty("servicenow.password");
		assertThat(password).hasSize(20)
			.isNotEqualTo("integration")
			.isNotEqualTo(second.getProperty("servicenow.password"));
		assertThat(first.getProperty("servicenow-simulator.password")).isEqualTo(password);
		assertThat(first.getProperty("servicenow-simulator.username")).isEqualTo("integration");
		assertThat(first.getProperty("servicenow-simulator.oauth-client-secret")).hasSize(20);
		assertThat(first.getProperty(SimulatorCredentials.GENERATED)).isEqualTo("true");
	}

	@Test
	void aGivenPasswordIsUsedAndNeverMarkedForShowing() {
		MockEnvironment given = prepared(new MockEnvironment().withProperty("servicenow.password", "Chosen-2026-pass")
			.withProperty("servicenow.oauth.client-secret", "Chosen-secret"));

		assertThat(given.getProperty("servicenow-simulator.password")).isEqualTo("Chosen-2026-pass");
		assertThat(given.getProperty("servicenow-simulator.oauth-client-secret")).isEqualTo("Chosen-secret");
		assertThat(given.getProperty(SimulatorCredentials.GENERATED)).isNull();
	}

	@Test
	void aRealInstanceIsLeftAlone() {
		MockEnvironment real = prepared(
				new MockEnvironment().withProperty("servicenow.base-url", "https://acme.service-now.com"));

		assertThat(real.getProperty("servicenow.password")).isNull();
		assertThat(real.getProperty("servicenow-simulator.password")).isNull();
	}

	private static MockEnvironment prepared(MockEnvironment environment) {
		new SimulatorCredentials().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
