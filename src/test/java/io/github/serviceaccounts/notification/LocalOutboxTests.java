package io.github.serviceaccounts.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/**
 * The outbox is the default exactly for the local simulator without SMTP, and never runs
 * beside a real ServiceNow.
 */
class LocalOutboxTests {

	@Test
	void withTheSimulatorAndNoMailServerTheOutboxDefaultsToTheDataDirectory() {
		assertThat(prepared(new MockEnvironment()).getProperty(LocalOutbox.PROPERTY)).isEqualTo("./data/outbox");
		assertThat(prepared(new MockEnvironment().withProperty("servicenow.base-url", " "))
			.getProperty(LocalOutbox.PROPERTY)).isEqualTo("./data/outbox");
	}

	@Test
	void aGivenOutboxIsKeptAndABlankOneTurnsItOff() {
		assertThat(prepared(new MockEnvironment().withProperty(LocalOutbox.PROPERTY, "/tmp/mails"))
			.getProperty(LocalOutbox.PROPERTY)).isEqualTo("/tmp/mails");
		assertThat(prepared(new MockEnvironment().withProperty(LocalOutbox.PROPERTY, ""))
			.getProperty(LocalOutbox.PROPERTY)).isEmpty();
	}

	@Test
	void noDefaultWithAMailServerOrARealServiceNow() {
		assertThat(prepared(new MockEnvironment().withProperty("spring.mail.host", "smtp.example.com"))
			.getProperty(LocalOutbox.PROPERTY)).isNull();
		assertThat(prepared(new MockEnvironment().withProperty("servicenow.base-url", "https://acme.service-now.com"))
			.getProperty(LocalOutbox.PROPERTY)).isNull();
	}

	@Test
	void anOutboxBesideARealServiceNowIsRefusedWithAClearMessage() {
		MockEnvironment real = new MockEnvironment().withProperty("servicenow.base-url", "https://acme.service-now.com")
			.withProperty("spring.mail.host", "smtp.example.com")
			.withProperty(LocalOutbox.PROPERTY, "./data/outbox");

		assertThatThrownBy(() -> prepared(real)).isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith(
					"serviceaccounts.mail.outbox (SERVICEACCOUNTS_MAIL_OUTBOX) is set to './data/outbox'"
							+ " while servicenow.base-url is set")
			.hasMessageContaining("for the embedded ServiceNow simulator only");
	}

	/** Registered, so that the application itself refuses, before anything is built. */
	@Test
	void theApplicationRefusesToStart() {
		SpringApplication application = new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).build();

		assertThatThrownBy(() -> application.run("--servicenow.base-url=https://acme.service-now.com",
				"--serviceaccounts.mail.outbox=/var/tmp/outbox"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(
					"serviceaccounts.mail.outbox (SERVICEACCOUNTS_MAIL_OUTBOX) is set to '/var/tmp/outbox'");
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

	private static MockEnvironment prepared(MockEnvironment environment) {
		new LocalOutbox().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
