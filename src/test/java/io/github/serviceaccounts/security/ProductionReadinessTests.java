package io.github.serviceaccounts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.beans.factory.annotation.Autowired;

import io.github.serviceaccounts.ServiceAccountsApplication;

class ProductionReadinessTests {

	static MockEnvironment ready() {
		return new MockEnvironment().withProperty("servicenow.base-url", "https://acme.service-now.com")
			.withProperty("servicenow.username", "svc_camunda_provisioning")
			.withProperty("servicenow.password", "a-real-Integration-secret")
			.withProperty("camunda.bpm.admin-user.id", "ops-admin")
			.withProperty("camunda.bpm.admin-user.password", "Long-and-unique-2026")
			.withProperty("spring.mail.host", "smtp.example.com")
			.withProperty("serviceaccounts.tasklist-url", "https://camunda.example.com/camunda/app/tasklist/")
			.withProperty("serviceaccounts.identity.mode", "camunda");
	}

	@Test
	void completeSettingsPass() {
		assertThat(ProductionReadiness.problems(ready())).isEmpty();
	}

	@Test
	void eachMissingOrDemoSettingIsNamed() {
		assertThat(ProductionReadiness.problems(ready().withProperty("servicenow.base-url", ""))).singleElement()
			.asString()
			.startsWith("servicenow.base-url (SERVICENOW_BASE_URL) is not set");
		assertThat(ProductionReadiness
			.problems(ready().withProperty("servicenow.base-url", "http://localhost:8080/servicenow-simulator")))
			.singleElement()
			.asString()
			.startsWith("servicenow.base-url must start with https://");
		assertThat(ProductionReadiness.problems(ready().withProperty("servicenow.password", ""))).singleElement()
			.asString()
			.startsWith("servicenow.password (SERVICENOW_PASSWORD) is not set");
		assertThat(ProductionReadiness.problems(ready().withProperty("servicenow.password", "integration")))
			.singleElement()
			.asString()
			.startsWith("servicenow.password is a demo value");
		assertThat(ProductionReadiness.problems(ready().withProperty("serviceaccounts.demo-users", "true")))
			.singleElement()
			.asString()
			.startsWith("serviceaccounts.demo-users is true");
		assertThat(ProductionReadiness.problems(ready().withProperty("camunda.bpm.admin-user.password", "demo")))
			.singleElement()
			.asString()
			.startsWith("camunda.bpm.admin-user.password is a default");
		assertThat(ProductionReadiness.problems(ready().withProperty("camunda.bpm.admin-user.password", "OPS-ADMIN")
			.withProperty("camunda.bpm.admin-user.id", "ops-admin"))).singleElement()
			.asString()
			.startsWith("camunda.bpm.admin-user.password is a default, equals the user id");
		assertThat(ProductionReadiness.problems(ready().withProperty("camunda.bpm.admin-user.id", ""))).singleElement()
			.asString()
			.startsWith("camunda.bpm.admin-user.id");
		assertThat(ProductionReadiness.problems(ready().withProperty("spring.mail.host", ""))).singleElement()
			.asString()
			.startsWith("spring.mail.host");
		assertThat(ProductionReadiness.problems(ready().withProperty("serviceaccounts.tasklist-url", "")))
			.singleElement()
			.asString()
			.startsWith("serviceaccounts.tasklist-url (SERVICEACCOUNTS_TASKLISTURL) is not set")
			.contains("localhost");
		assertThat(ProductionReadiness.problems(ready().withProperty("serviceaccounts.tasklist-url",
				"http://camunda.example.com/camunda/app/tasklist/")))
			.singleElement()
			.asString()
			.startsWith("serviceaccounts.tasklist-url must start with https://");
		assertThat(ProductionReadiness.problems(ready().withProperty("serviceaccounts.mail.outbox", "./data/outbox")))
			.singleElement()
			.asString()
			.startsWith("serviceaccounts.mail.outbox (SERVICEACCOUNTS_MAIL_OUTBOX) is set");
		assertThat(ProductionReadiness.problems(ready().withProperty("management.server.port", "9091"))).singleElement()
			.asString()
			.startsWith("management.server.port (MANAGEMENT_SERVER_PORT) is set");
	}

	@Test
	void oauthReplacesBasicCredentialsButNeedsItsSecret() {
		MockEnvironment oauth = ready().withProperty("servicenow.username", "")
			.withProperty("servicenow.password", "")
			.withProperty("servicenow.oauth.client-id", "camunda")
			.withProperty("servicenow.integration-user", "camunda.oauth.user");
		assertThat(ProductionReadiness.problems(oauth)).singleElement()
			.asString()
			.startsWith("servicenow.oauth.client-secret (SERVICENOW_OAUTH_CLIENTSECRET) is not set");
		assertThat(ProductionReadiness.problems(oauth.withProperty("servicenow.oauth.client-secret", "s3cret")))
			.isEmpty();
		// With OAuth, the user ServiceNow records as creator of the accounts must be
		// named
		assertThat(ProductionReadiness.problems(oauth.withProperty("servicenow.integration-user", ""))).singleElement()
			.asString()
			.startsWith("servicenow.integration-user (SERVICENOW_INTEGRATIONUSER) is not set, but OAuth is");
	}

	@Test
	void theWayPeopleSignInIsChosenExplicitly() {
		assertThat(ProductionReadiness.problems(ready().withProperty("serviceaccounts.identity.mode", "")))
			.singleElement()
			.asString()
			.startsWith("serviceaccounts.identity.mode (SERVICEACCOUNTS_IDENTITY_MODE) is not set: choose oidc")
			.contains("or camunda");
		assertThat(ProductionReadiness.problems(ready().withProperty("serviceaccounts.identity.mode", "ldap")))
			.singleElement()
			.asString()
			.startsWith("serviceaccounts.identity.mode must be oidc or camunda (it is ldap)");
	}

	static MockEnvironment oidc() {
		MockEnvironment env = ready().withProperty("serviceaccounts.identity.mode", "oidc")
			.withProperty("spring.security.oauth2.client.registration.staff.client-id", "service-accounts")
			.withProperty("spring.security.oauth2.client.registration.staff.client-secret", "from-the-provider")
			.withProperty("spring.security.oauth2.client.registration.staff.scope", "openid")
			.withProperty("spring.security.oauth2.client.provider.staff.issuer-uri",
					"https://login.example.com/realms/staff");
		return env;
	}

	@Test
	void signInAtAnOpenIdProviderNeedsItsClientAndAnHttpsIssuer() {
		assertThat(ProductionReadiness.problems(oidc())).isEmpty();
		assertThat(ProductionReadiness
			.problems(oidc().withProperty("spring.security.oauth2.client.registration.staff.client-secret", "")))
			.singleElement()
			.asString()
			.startsWith("spring.security.oauth2.client.registration.staff.client-secret is not set");
		assertThat(ProductionReadiness.problems(oidc().withProperty(
				"spring.security.oauth2.client.provider.staff.issuer-uri", "http://login.example.com/realms/staff")))
			.singleElement()
			.asString()
			.startsWith("spring.security.oauth2.client.provider.staff.issuer-uri must start with https://");
		assertThat(ProductionReadiness.problems(ready()
			.withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://login.example.com")))
			.singleElement()
			.asString()
			.startsWith("spring.security.oauth2.resourceserver.jwt.issuer-uri must start with https://");
		MockEnvironment none = ready().withProperty("serviceaccounts.identity.mode", "oidc");
		assertThat(ProductionReadiness.problems(none)).singleElement()
			.asString()
			.startsWith(
					"serviceaccounts.identity.mode is oidc, so exactly one spring.security.oauth2.client.registration");
	}

	@Test
	void theProdProfileRefusesToStartAndNamesEverySetting() {
		SpringApplicationBuilder app = new SpringApplicationBuilder(ServiceAccountsApplication.class).profiles("prod")
			.properties("spring.datasource.url=jdbc:h2:mem:prod-refused",
					"camunda.bpm.process-engine-name=prodRefused");

		assertThatThrownBy(() -> app.run()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("The prod profile refuses to start")
			.hasMessageContaining("servicenow.base-url")
			.hasMessageContaining("servicenow.username")
			.hasMessageContaining("camunda.bpm.admin-user.id")
			.hasMessageContaining("spring.mail.host")
			.hasMessageContaining("serviceaccounts.tasklist-url")
			.hasMessageNotContaining("serviceaccounts.demo-users");
	}

	/** A production start: no demo data, no simulator, secure session cookies, HSTS. */
	@Nested
	// Closed after the class: the engine REST API finds its engine by the name "default",
	// which
	// only one application context at a time may hold.
	@DirtiesContext
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.profiles.active=prod", "spring.datasource.url=jdbc:h2:mem:prod;DB_CLOSE_DELAY=-1",
					"servicenow.base-url=https://acme.service-now.com", "servicenow.username=svc_camunda_provisioning",
					"servicenow.password=a-real-Integration-secret", "camunda.bpm.admin-user.id=ops-admin",
					"camunda.bpm.admin-user.password=Long-and-unique-2026", "spring.mail.host=127.0.0.1",
					"serviceaccounts.tasklist-url=https://camunda.example.com/camunda/app/tasklist/",
					"serviceaccounts.identity.mode=camunda" })
	class ProductionStart {

		@LocalServerPort
		int port;

		@Autowired
		ApplicationContext context;

		final HttpClient http = HttpClient.newHttpClient();

		@Test
		void noDemoDataAndNoSimulator() throws Exception {
			org.camunda.bpm.engine.IdentityService identity = context
				.getBean(org.camunda.bpm.engine.IdentityService.class);
			assertThat(identity.createUserQuery().list()).extracting(user -> user.getId()).containsExactly("ops-admin");
			assertThat(context.getBeanNamesForType(io.github.serviceaccounts.simulator.ServiceNowSimulator.class))
				.isEmpty();
			HttpResponse<String> simulator = http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/servicenow-simulator/api/now/v2/table/sys_user"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(simulator.statusCode()).isEqualTo(404);
		}

		@Test
		void sessionCookiesAreSecureAndHstsIsSent() throws Exception {
			HttpResponse<String> page = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/welcome/default/"))
					.build(), HttpResponse.BodyHandlers.ofString());
			List<String> cookies = page.headers().allValues("Set-Cookie");
			assertThat(cookies).anySatisfy(
					cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("; Secure").contains("HttpOnly"));
			// The CSRF token cookie must stay readable by the web apps' scripts, so it is
			// Secure only.
			assertThat(cookies)
				.anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").containsIgnoringCase("secure"));
			assertThat(page.headers().firstValue("Strict-Transport-Security"))
				.hasValueSatisfying(value -> assertThat(value).contains("max-age="));
		}

	}

}
