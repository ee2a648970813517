package io.github.serviceaccounts.notification;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The outbox ({@link OutboxMailer}) is the local default's mail: when the embedded
 * ServiceNow simulator stands in (no {@code servicenow.base-url}) and no SMTP server is
 * set ({@code spring.mail.host}), {@value #PROPERTY} defaults to
 * {@value #DEFAULT_DIRECTORY}, unless it is given (blank turns the outbox off: mail is
 * then only logged, secrets masked).
 * <p>
 * With a real ServiceNow the outbox would write real one-time passwords to disk, so the
 * application refuses to start when {@value #PROPERTY} is set together with
 * {@code servicenow.base-url}. Registered in {@code META-INF/spring.factories}; runs
 * after the configuration files are read.
 */
class LocalOutbox implements EnvironmentPostProcessor {

	static final String PROPERTY = "serviceaccounts.mail.outbox";

	static final String DEFAULT_DIRECTORY = "./data/outbox";

	static final String SOURCE = "localMailOutbox";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String outbox = environment.getProperty(PROPERTY);
		if (hasText(environment.getProperty("servicenow.base-url"))) {
			if (hasText(outbox)) {
				throw new IllegalStateException(PROPERTY + " (SERVICEACCOUNTS_MAIL_OUTBOX) is set to '" + outbox.strip()
						+ "' while servicenow.base-url is set: the outbox writes every mail, one-time passwords "
						+ "included, unmasked to disk and is for the embedded ServiceNow simulator only. Unset "
						+ PROPERTY + ", and set spring.mail.host to send mail.");
			}
			return;
		}
		if (outbox == null && !hasText(environment.getProperty("spring.mail.host"))) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, DEFAULT_DIRECTORY)));
		}
	}

	static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
