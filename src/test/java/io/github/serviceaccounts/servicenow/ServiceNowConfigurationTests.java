package io.github.serviceaccounts.servicenow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.TABLE;
import static io.github.serviceaccounts.servicenow.ServiceNowFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The client as Spring builds it from {@code servicenow.*} properties. */
class ServiceNowConfigurationTests {

	@RegisterExtension
	static WireMockExtension serviceNow = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(ServiceNowConfiguration.class)
		.withBean(RestClient.Builder.class, RestClient::builder)
		.withBean(ServiceAccountPolicy.class, () -> ServiceAccountPolicy.DEFAULT);

	@Test
	void scanningForPropertiesAsTheApplicationDoesDoesNotRegisterThemTwice() {
		new ApplicationContextRunner().withUserConfiguration(ScanningApplication.class)
			.withBean(RestClient.Builder.class, RestClient::builder)
			.withBean(ServiceAccountPolicy.class, () -> ServiceAccountPolicy.DEFAULT)
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ServiceNowProperties.class).hasSingleBean(ServiceNowClient.class);
			});
	}

	@Test
	void timeoutsDefaultToFiveAndTwentySeconds() {
		this.contextRunner.run(context -> {
			ServiceNowProperties properties = context.getBean(ServiceNowProperties.class);
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(20));
			assertThat(properties.usesOAuth()).isFalse();
		});
	}

	@Test
	void theDefaultsInCodeAreTheOnesApplicationYamlStates() throws Exception {
		// Deleting the lines from application.yaml must not change the behaviour (it once
		// doubled the pacing).
		var yaml = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml")).get(0);
		this.contextRunner.run(context -> {
			ServiceNowProperties properties = context.getBean(ServiceNowProperties.class);
			ServiceNowPacing pacing = context.getBean(ServiceNowPacing.class);
			assertThat(properties.maxConnections()).isEqualTo(50);
			assertThat(yamlDuration(yaml, "servicenow.connect-timeout")).isEqualTo(properties.connectTimeout());
			assertThat(yamlDuration(yaml, "servicenow.read-timeout")).isEqualTo(properties.readTimeout());
			assertThat(yamlDuration(yaml, "servicenow.write-settle-time")).isEqualTo(properties.writeSettleTime())
				.isEqualTo(ServiceNowClient.DEFAULT_WRITE_SETTLE_TIME);
			assertThat(yaml.getProperty("servicenow.pacing.calls-per-second").toString())
				.isEqualTo(Integer.toString(pacing.callsPerSecond()));
			assertThat(yamlDuration(yaml, "servicenow.pacing.permit-timeout")).isEqualTo(pacing.permitTimeout());
			assertThat(yamlDuration(yaml, "servicenow.pacing.absorb-waits-up-to")).isEqualTo(pacing.absorbWaitsUpTo());
			assertThat(yaml.getProperty("servicenow.pacing.absorb-attempts").toString())
				.isEqualTo(Integer.toString(pacing.absorbAttempts()));
		});
	}

	/** A duration as application.yaml writes it ("10s", "5m"). */
	private static Duration yamlDuration(PropertySource<?> yaml, String key) {
		return Duration.parse("PT" + yaml.getProperty(key).toString().toUpperCase());
	}

	@Test
	void withoutABaseUrlTheEmbeddedSimulatorIsUsedOnTheDefaultPort() {
		this.contextRunner.run(context -> assertThat(context.getBean(ServiceNowClient.class).instanceUrl())
			.isEqualTo("http://localhost:8080/servicenow-simulator"));
	}

	@Test
	void theSimulatorsPortIsTakenOnceTheWebServerHasStarted() {
		this.contextRunner.withPropertyValues("server.port=0").run(context -> {
			ServiceNowClient client = context.getBean(ServiceNowClient.class);
			assertThat(client.instanceUrl()).isEqualTo("http://localhost:0/servicenow-simulator");

			// What Spring Boot does once the embedded server is listening on a random
			// port.
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("server.ports", Map.of("local.server.port", "43117")));

			assertThat(client.instanceUrl()).isEqualTo("http://localhost:43117/servicenow-simulator");
		});
	}

	@Test
	void theSimulatorLivesUnderTheContextPath() {
		this.contextRunner.withPropertyValues("server.port=9090", "server.servlet.context-path=/accounts/")
			.run(context -> assertThat(context.getBean(ServiceNowClient.class).instanceUrl())
				.isEqualTo("http://localhost:9090/accounts/servicenow-simulator"));
	}

	@Test
	void basicAuthIsSentWithTheConfiguredCredentialsAndNoCookieIsKept() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-one.json"))
			.withHeader("Set-Cookie", "JSESSIONID=6C0A4E2F9D1B3A5C7E9F1B3D5A7C9E1F; Path=/; HttpOnly; Secure")
			.withHeader("Set-Cookie", "glide_user_route=glide.4f2d8b9a1c3e5f7a; Path=/; HttpOnly")));

		this.contextRunner
			.withPropertyValues("servicenow.base-url=" + serviceNow.baseUrl() + "/",
					"servicenow.username=integration.user", "servicenow.password=S3cr3t:with colon")
			.run(context -> {
				ServiceNowClient client = context.getBean(ServiceNowClient.class);
				client.findUserByUserName("alice.example");
				client.findUserByUserName("alice.example");
				assertThat(client.instanceUrl()).isEqualTo(serviceNow.baseUrl());
			});

		String expected = "Basic " + Base64.getEncoder()
			.encodeToString("integration.user:S3cr3t:with colon".getBytes(StandardCharsets.UTF_8));
		serviceNow.verify(2,
				getRequestedFor(urlPathEqualTo(TABLE + "sys_user")).withHeader("Authorization", equalTo(expected))
					.withHeader("Accept", equalTo("application/json"))
					.withHeader("Cookie", absent()));
	}

	@Test
	void withoutCredentialsNoAuthorizationIsSent() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-empty.json"))));

		this.contextRunner.withPropertyValues("servicenow.base-url=" + serviceNow.baseUrl())
			.run(context -> context.getBean(ServiceNowClient.class).findUserByUserName("alice.example"));

		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user")).withHeader("Authorization", absent()));
	}

	@Test
	void oauthReplacesBasicAuthWhenAClientIdIsSet() {
		serviceNow.stubFor(post(urlPathEqualTo("/oauth_token.do")).willReturn(okJson(body("oauth-token-200.json"))));
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user")).willReturn(okJson(body("user-list-empty.json"))));

		this.contextRunner
			.withPropertyValues("servicenow.base-url=" + serviceNow.baseUrl(), "servicenow.username=integration.user",
					"servicenow.password=unused", "servicenow.oauth.client-id=3f5e1a0c9b2d4e7f8a6b5c4d3e2f1a0b",
					"servicenow.oauth.client-secret=Xw9-secret")
			.run(context -> context.getBean(ServiceNowClient.class).findUserByUserName("alice.example"));

		serviceNow.verify(1, postRequestedFor(urlPathEqualTo("/oauth_token.do")));
		serviceNow.verify(getRequestedFor(urlPathEqualTo(TABLE + "sys_user")).withHeader("Authorization",
				equalTo("Bearer Fj3pYVh9bqW1xk6zR0dT8uLnM2cE5sA7oIgHtKvBwQy4rJpXe-NmCfD1aZlUoS3iG9")));
	}

	@Test
	void theConfiguredReadTimeoutApplies() {
		serviceNow.stubFor(get(urlPathEqualTo(TABLE + "sys_user"))
			.willReturn(okJson(body("user-list-one.json")).withFixedDelay(3000)));

		this.contextRunner
			.withPropertyValues("servicenow.base-url=" + serviceNow.baseUrl(), "servicenow.read-timeout=300ms")
			.run(context -> {
				long started = System.nanoTime();
				assertThatExceptionOfType(ServiceNowTransientException.class)
					.isThrownBy(() -> context.getBean(ServiceNowClient.class).findUserByUserName("alice.example"))
					.withMessageContaining("read timeout");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
			});
	}

	@Test
	void aBaseUrlWithCredentialsStopsTheStartWithoutRepeatingThem() {
		this.contextRunner.withPropertyValues("servicenow.base-url=https://admin:Hunter2-Secret@acme.service-now.com")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("servicenow.base-url must not contain credentials");
				assertThat(ServiceNowFixtures.everythingShownOf(context.getStartupFailure()))
					.doesNotContain("Hunter2-Secret");
			});
	}

	@Test
	void aBaseUrlThatIsNotHttpStopsTheStart() {
		this.contextRunner.withPropertyValues("servicenow.base-url=acme.service-now.com")
			.run(context -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must be an http(s) URL"));
	}

	@Test
	void propertiesNeverShowTheirSecrets() {
		ServiceNowProperties properties = new ServiceNowProperties("https://acme.service-now.com", "integration.user",
				"Basic-Secret-7731", null, new ServiceNowProperties.OAuth("client", "OAuth-Secret-9941"),
				Duration.ofSeconds(5), Duration.ofSeconds(20), 50, Duration.ofSeconds(90));

		assertThat(properties.toString()).contains("integration.user")
			.contains("client")
			.doesNotContain("Basic-Secret-7731")
			.doesNotContain("OAuth-Secret-9941");
		assertThat(properties.usesOAuth()).isTrue();
		assertThat(new ServiceNowProperties(null, null, null, null, new ServiceNowProperties.OAuth(" ", "x"), null,
				null, 1, null)
			.usesOAuth()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan
	@Import(ServiceNowConfiguration.class)
	static class ScanningApplication {

	}

}
