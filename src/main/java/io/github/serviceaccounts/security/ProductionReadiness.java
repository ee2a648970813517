package io.github.serviceaccounts.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The {@code prod} profile refuses to start, before anything else is built, when a
 * setting that production needs is missing or left at a demo value, and says which one.
 * Registered in {@code META-INF/spring.factories}.
 */
class ProductionReadiness implements EnvironmentPostProcessor {

	static final String PROFILE = "prod";
	static final Set<String> DEFAULT_PASSWORDS = Set.of("demo", "admin", "password", "camunda", "changeme", "secret",
			"integration");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
			return;
		}
		List<String> problems = problems(environment);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The prod profile refuses to start:\n - " + String.join("\n - ", problems));
		}
	}

	static List<String> problems(Environment env) {
		List<String> problems = new ArrayList<>();
		String baseUrl = value(env, "servicenow.base-url");
		if (baseUrl == null) {
			problems.add(
					"servicenow.base-url (SERVICENOW_BASE_URL) is not set: give the instance URL, e.g. https://acme.service-now.com; "
							+ "the embedded simulator is for local use only");
		}
		else if (!baseUrl.startsWith("https://")) {
			problems.add("servicenow.base-url must start with https:// (it is " + baseUrl + ")");
		}
		boolean oauth = value(env, "servicenow.oauth.client-id") != null;
		if (oauth && value(env, "servicenow.integration-user") == null) {
			problems
				.add("servicenow.integration-user (SERVICENOW_INTEGRATIONUSER) is not set, but OAuth is: give the user_name of the "
						+ "OAuth application's user, which ServiceNow records as creator of the service accounts (nothing is written to "
						+ "an account it did not create)");
		}
		if (oauth && value(env, "servicenow.oauth.client-secret") == null) {
			problems.add(
					"servicenow.oauth.client-secret (SERVICENOW_OAUTH_CLIENTSECRET) is not set, but servicenow.oauth.client-id is");
		}
		if (!oauth) {
			if (value(env, "servicenow.username") == null) {
				problems.add(
						"servicenow.username (SERVICENOW_USERNAME) is not set: the integration account needs credentials "
								+ "(or set servicenow.oauth.client-id and servicenow.oauth.client-secret)");
			}
			String password = value(env, "servicenow.password");
			if (password == null) {
				problems.add("servicenow.password (SERVICENOW_PASSWORD) is not set");
			}
			else if (DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))) {
				problems.add("servicenow.password is a demo value; use the integration account's real password");
			}
		}
		if (env.getProperty("serviceaccounts.demo-users", Boolean.class, false)) {
			problems.add("serviceaccounts.demo-users is true: demo identities never run in production");
		}
		String mode = value(env, "serviceaccounts.identity.mode");
		boolean oidc = "oidc".equalsIgnoreCase(mode);
		if (mode == null) {
			problems
				.add("serviceaccounts.identity.mode (SERVICEACCOUNTS_IDENTITY_MODE) is not set: choose oidc (people sign "
						+ "in at your OpenID provider, spring.security.oauth2.client.registration.* and provider.*) or camunda "
						+ "(Camunda's own users and passwords)");
		}
		else if (!oidc && !"camunda".equalsIgnoreCase(mode)) {
			problems.add("serviceaccounts.identity.mode must be oidc or camunda (it is " + mode + ")");
		}
		if (oidc) {
			problems.addAll(oidcProblems(env));
		}
		String tokenIssuer = value(env, "spring.security.oauth2.resourceserver.jwt.issuer-uri");
		if (tokenIssuer != null && !tokenIssuer.startsWith("https://")) {
			problems.add("spring.security.oauth2.resourceserver.jwt.issuer-uri must start with https:// (it is "
					+ tokenIssuer
					+ "): the keys that bearer tokens at the engine REST API are checked with are fetched from it");
		}
		// With sign-in at a provider too: Camunda's web apps send everyone to the
		// first-run setup (closed here) while no Camunda user is in camunda-admin, and
		// the administrator is the way in when the provider is down.
		problems.addAll(adminProblems(env));
		String tasklistUrl = value(env, "serviceaccounts.tasklist-url");
		if (tasklistUrl == null) {
			problems
				.add("serviceaccounts.tasklist-url (SERVICEACCOUNTS_TASKLISTURL) is not set: give the address at which "
						+ "people open Tasklist, e.g. https://camunda.example.com/camunda/app/tasklist/; without it the links "
						+ "in mails would lead to localhost");
		}
		else if (!tasklistUrl.startsWith("https://")) {
			problems.add("serviceaccounts.tasklist-url must start with https:// (it is " + tasklistUrl
					+ "): in prod the session cookie is Secure, so Tasklist works over https only");
		}
		if (value(env, "spring.mail.host") == null) {
			problems.add(
					"spring.mail.host (SPRING_MAIL_HOST) is not set: one-time passwords and reminders must be mailed, not logged");
		}
		if (value(env, "serviceaccounts.mail.outbox") != null) {
			problems.add("serviceaccounts.mail.outbox (SERVICEACCOUNTS_MAIL_OUTBOX) is set: the outbox writes one-time "
					+ "passwords to disk and is for the local simulator only");
		}
		String managementPort = value(env, "management.server.port");
		if (managementPort != null && !managementPort.equals(value(env, "server.port"))) {
			problems.add("management.server.port (MANAGEMENT_SERVER_PORT) is set: the actuator would answer on a port "
					+ "where its access check (health details and metrics for serviceaccounts.metrics-group only) does "
					+ "not run; leave it unset so the actuator shares the application's port");
		}
		return problems;
	}

	private static List<String> adminProblems(Environment env) {
		List<String> problems = new ArrayList<>();
		String adminId = value(env, "camunda.bpm.admin-user.id");
		String adminPassword = value(env, "camunda.bpm.admin-user.password");
		if (adminId == null) {
			problems.add("camunda.bpm.admin-user.id (CAMUNDA_BPM_ADMINUSER_ID) is not set: name the administrator");
		}
		if (adminPassword == null) {
			problems.add("camunda.bpm.admin-user.password (CAMUNDA_BPM_ADMINUSER_PASSWORD) is not set "
					+ "(without it Camunda would use the user id as the password)");
		}
		else if (DEFAULT_PASSWORDS.contains(adminPassword.toLowerCase(Locale.ROOT))
				|| (adminId != null && adminPassword.equalsIgnoreCase(adminId)) || adminPassword.length() < 12) {
			problems.add(
					"camunda.bpm.admin-user.password is a default, equals the user id or is shorter than 12 characters");
		}
		return problems;
	}

	private static List<String> oidcProblems(Environment env) {
		List<String> problems = new ArrayList<>();
		OAuth2ClientProperties client = (env instanceof ConfigurableEnvironment configurable) ? Binder.get(configurable)
			.bind("spring.security.oauth2.client", OAuth2ClientProperties.class)
			.orElseGet(OAuth2ClientProperties::new) : new OAuth2ClientProperties();
		Map<String, OAuth2ClientProperties.Registration> registrations = client.getRegistration();
		if (registrations.size() != 1) {
			problems
				.add("serviceaccounts.identity.mode is oidc, so exactly one spring.security.oauth2.client.registration.<id> "
						+ "(client-id, client-secret, scope=openid) must name this application at the OpenID provider; there are "
						+ registrations.size());
			return problems;
		}
		String id = registrations.keySet().iterator().next();
		OAuth2ClientProperties.Registration registration = registrations.get(id);
		if (registration.getClientId() == null || registration.getClientId().isBlank()) {
			problems.add("spring.security.oauth2.client.registration." + id + ".client-id is not set");
		}
		if (registration.getClientSecret() == null || registration.getClientSecret().isBlank()) {
			problems.add("spring.security.oauth2.client.registration." + id + ".client-secret is not set");
		}
		String providerId = registration.getProvider() == null ? id : registration.getProvider();
		OAuth2ClientProperties.Provider provider = client.getProvider().get(providerId);
		String issuer = provider == null ? null : provider.getIssuerUri();
		if (issuer == null || issuer.isBlank()) {
			problems.add("spring.security.oauth2.client.provider." + providerId + ".issuer-uri is not set: give the "
					+ "OpenID provider's issuer, e.g. https://login.example.com/realms/staff");
		}
		else if (!issuer.startsWith("https://")) {
			problems.add("spring.security.oauth2.client.provider." + providerId
					+ ".issuer-uri must start with https:// (it is " + issuer + ")");
		}
		return problems;
	}

	private static String value(Environment env, String key) {
		String value = env.getProperty(key);
		return value == null || value.isBlank() ? null : value.strip();
	}

}
