package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.notification.MailFixtures.TASKLIST_URL;
import static io.github.serviceaccounts.notification.MailFixtures.jiraSyncRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.serviceaccounts.notification.MailFixtures.ReceivedMail;

class MailConfigurationTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
		.withUserConfiguration(MailConfiguration.class, ServiceAccountMails.class);

	@Test
	void withoutMailServerMailIsOnlyLogged() {
		context.run(app -> {
			assertThat(app).hasSingleBean(Mailer.class).hasSingleBean(ServiceAccountMails.class);
			assertThat(app.getBean(Mailer.class)).isInstanceOf(LoggingMailer.class);
		});
	}

	@Test
	void withMailServerMailGoesOutBySmtpFromTheConfiguredSender() {
		context
			.withPropertyValues("spring.mail.host=localhost", "spring.mail.port=" + greenMail.getSmtp().getPort(),
					"serviceaccounts.mail.from=Service accounts <service-accounts@example.com>")
			.run(app -> {
				assertThat(app).hasSingleBean(Mailer.class);
				assertThat(app.getBean(Mailer.class)).isInstanceOf(SmtpMailer.class);

				app.getBean(ServiceAccountMails.class)
					.approvalRequested("bob@example.com", jiraSyncRequest(), TASKLIST_URL);

				assertThat(greenMail.getReceivedMessages()).hasSize(1);
				ReceivedMail mail = ReceivedMail.of(greenMail.getReceivedMessages()[0]);
				assertThat(mail.from()).containsExactly("Service accounts <service-accounts@example.com>");
				assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync: approval needed");
			});
	}

	@Test
	void senderDefaultsToServiceAccountsAtLocalhost() {
		context.withPropertyValues("spring.mail.host=localhost", "spring.mail.port=" + greenMail.getSmtp().getPort())
			.run(app -> {
				app.getBean(ServiceAccountMails.class).accountWithdrawn("alice@example.com", jiraSyncRequest());

				assertThat(ReceivedMail.of(greenMail.getReceivedMessages()[0]).from())
					.containsExactly("service-accounts@localhost");
			});
	}

}
