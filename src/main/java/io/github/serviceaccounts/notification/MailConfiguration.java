package io.github.serviceaccounts.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Real SMTP when {@code spring.mail.host} is set (Spring Boot then provides the
 * {@link JavaMailSender}); otherwise mail is only logged, so the local demo needs no mail
 * server.
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
	@Conditional(NoMailHost.class)
	Mailer loggingMailer() {
		return new LoggingMailer();
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
