package io.github.serviceaccounts.simulator;

import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;

/**
 * Serves a simulated ServiceNow instance under {@value ServiceNowSimulator#PATH_PREFIX}
 * when no real one is configured, so the whole journey works locally with the same client
 * code as in production. This is the only annotated class of the package: nothing of the
 * simulator exists unless this condition holds.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${servicenow.base-url:}'.isBlank()")
@EnableConfigurationProperties(ServiceNowSimulatorProperties.class)
class ServiceNowSimulatorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ServiceNowSimulatorConfiguration.class);

	@Bean
	ServiceNowSimulator serviceNowSimulator(ServiceNowSimulatorProperties properties, Environment environment) {
		// A demo instance's password generated for this run is shown, so that a person
		// can look into it; one
		// given by the operator never is.
		boolean generated = environment.getProperty(SimulatorCredentials.GENERATED, Boolean.class, false);
		log.info(
				"Embedded ServiceNow simulator at {}, reachable from this machine only (loopback); integration user '{}', "
						+ "password {}",
				ServiceNowSimulator.PATH_PREFIX, properties.username(),
				generated
						? "'" + properties.password()
								+ "' (generated for this run; set SERVICENOW_PASSWORD to choose one)"
						: "from servicenow.password");
		String stateFile = properties.stateFile();
		return ServiceNowSimulator.create(properties.username(),
				stateFile == null || stateFile.isBlank() ? null : Path.of(stateFile), Clock.systemUTC(),
				properties.identityTypeField());
	}

	@Bean
	FilterRegistrationBean<SimulatorHttpFilter> serviceNowSimulatorFilter(ServiceNowSimulator simulator,
			ServiceNowSimulatorProperties properties) {
		Credentials credentials = new Credentials(properties.username(), properties.password());
		OAuthTokens tokens = new OAuthTokens(credentials, properties.oauthClientId(), properties.oauthClientSecret(),
				properties.tokenLifetime(), Clock.systemUTC());
		FilterRegistrationBean<SimulatorHttpFilter> registration = new FilterRegistrationBean<>(new SimulatorHttpFilter(
				simulator, credentials, tokens, properties.instanceUrlForLinks(), Clock.systemUTC()));
		registration.addUrlPatterns(ServiceNowSimulator.PATH_PREFIX, ServiceNowSimulator.PATH_PREFIX + "/*");
		registration.setName("serviceNowSimulator");
		// First of all: the simulator stands in for a remote instance and does its own
		// ServiceNow-style
		// authentication, so none of the application's filters (metrics observation,
		// encoding, Spring
		// Security at -100) should add their cost to what looks like ServiceNow's side.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
