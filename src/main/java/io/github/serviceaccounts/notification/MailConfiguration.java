package io.github.serviceaccounts.notification;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Real SMTP when {@code spring.mail.host} is set (Spring Boot then provides the
 * {@link JavaMailSender}); otherwise the outbox when {@code serviceaccounts.mail.outbox}
 * names a directory (the local default with the embedded simulator, {@link LocalOutbox});
 * otherwise mail is only logged. So the local demo needs no mail server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class MailConfiguration {

	@Bean
	@ConditionalOnProperty(prefix = "spring.mail", name = "host")
	Mailer smtpMailer(JavaMailSender sender, NotificationProperties properties) {
		return new SmtpMailer(sender, properties.from());
	}

	@Bean
	@Conditional({ NoMailHost.class, OutboxSet.class })
	Mailer outboxMailer(NotificationProperties properties) {
		return new OutboxMailer(Path.of(properties.outbox().strip()), properties.from(), Clock.systemUTC());
	}

	@Bean
	@Conditional({ NoMailHost.class, NoOutbox.class })
	Mailer loggingMailer() {
		return new LoggingMailer();
	}

	static class OutboxSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return LocalOutbox.hasText(context.getEnvironment().getProperty(LocalOutbox.PROPERTY));
		}

	}

	static class NoOutbox implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !new OutboxSet().matches(context, metadata);
		}

	}

	/**
	 * The exact opposite of the SMTP condition; {@code @ConditionalOnMissingBean} would
	 * depend on the order in which bean definitions happen to be read.
	 */
	static class NoMailHost extends NoneNestedConditions {

		NoMailHost() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(prefix = "spring.mail", name = "host")
		static class MailHostSet {

		}

	}

}
