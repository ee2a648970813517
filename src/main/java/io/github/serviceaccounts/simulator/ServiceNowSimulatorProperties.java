package io.github.serviceaccounts.simulator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded ServiceNow simulator (active only when
 * {@code servicenow.base-url} is unset).
 *
 * @param username the integration account's user name, seeded with role user_admin
 * @param password generated for each run unless given ({@link SimulatorCredentials})
 * @param oauthClientSecret generated for each run unless given
 * @param stateFile where the simulated data survives restarts; blank keeps it in memory
 * only
 * @param instanceUrlForLinks what reference links and Location headers start with; unset
 * derives it from each request, e.g. http://localhost:8080/servicenow-simulator
 * @param identityTypeField whether sys_user has {@code identity_type} (human, machine,
 * ai_agent) as on newer releases; false simulates an older instance, which does not
 * return the field, drops it from queries and ignores it on writes
 */
@ConfigurationProperties("servicenow-simulator")
record ServiceNowSimulatorProperties(@DefaultValue("integration") String username, String password,
		@DefaultValue("camunda-provisioning") String oauthClientId, String oauthClientSecret,
		@DefaultValue("1799s") Duration tokenLifetime,
		@DefaultValue("./data/servicenow-simulator.json") String stateFile, String instanceUrlForLinks,
		@DefaultValue("true") boolean identityTypeField) {
}
