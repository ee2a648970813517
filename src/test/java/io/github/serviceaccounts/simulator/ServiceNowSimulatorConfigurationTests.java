package io.github.serviceaccounts.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator exists exactly when no real ServiceNow is configured. */
class ServiceNowSimulatorConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withUserConfiguration(ServiceNowSimulatorConfiguration.class)
		.withPropertyValues("servicenow-simulator.state-file=");

	@Test
	void activeWithoutAServiceNowUrl() {
		runner.run(context -> {
			assertThat(context).hasSingleBean(ServiceNowSimulator.class);
			assertThat(context).hasSingleBean(FilterRegistrationBean.class);
			assertThat(context.getBean(FilterRegistrationBean.class).getUrlPatterns())
				.contains("/servicenow-simulator/*");
		});
	}

	@Test
	void activeWhenTheServiceNowUrlIsBlank() {
		runner.withPropertyValues("servicenow.base-url= ")
			.run(context -> assertThat(context).hasSingleBean(ServiceNowSimulator.class));
	}

	@Test
	void absentWhenARealInstanceIsConfigured() {
		runner.withPropertyValues("servicenow.base-url=https://example.service-now.com").run(context -> {
			assertThat(context).doesNotHaveBean(ServiceNowSimulator.class);
			assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
		});
	}

	@Test
	void defaultsMatchTheDocumentedOnes() {
		new WebApplicationContextRunner().withUserConfiguration(ServiceNowSimulatorConfiguration.class)
			.withPropertyValues("servicenow-simulator.state-file=")
			.run(context -> {
				ServiceNowSimulatorProperties properties = context.getBean(ServiceNowSimulatorProperties.class);
				assertThat(properties.username()).isEqualTo("integration");
				// No guessable default: SimulatorCredentials generates both for each run
				// (SimulatorCredentialsTests).
				assertThat(properties.password()).isNull();
				assertThat(properties.oauthClientId()).isEqualTo("camunda-provisioning");
				assertThat(properties.oauthClientSecret()).isNull();
				assertThat(properties.tokenLifetime()).isEqualTo(Duration.ofSeconds(1799));
				assertThat(properties.stateFile()).isEmpty();
				assertThat(properties.instanceUrlForLinks()).isNull();
			});
	}

	@Test
	void stateFileDefaultsToTheDataDirectory() {
		// Not started: only the binding is of interest, and starting would write ./data.
		ServiceNowSimulatorProperties defaults = new org.springframework.boot.context.properties.bind.Binder(
				new org.springframework.boot.context.properties.source.MapConfigurationPropertySource())
			.bindOrCreate("servicenow-simulator", ServiceNowSimulatorProperties.class);

		assertThat(defaults.stateFile()).isEqualTo("./data/servicenow-simulator.json");
	}

}
