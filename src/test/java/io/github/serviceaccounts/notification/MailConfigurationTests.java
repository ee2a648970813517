package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.notification.MailFixtures.TASKLIST_URL;
import static io.github.serviceaccounts.notification.MailFixtures.jiraSyncRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
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

	@TempDir
	Path data;

	@Test
	void withoutMailServerOrOutboxMailIsOnlyLogged() {
		context.run(app -> {
			assertThat(app).hasSingleBean(Mailer.class).hasSingleBean(ServiceAccountMails.class);
			assertThat(app.getBean(Mailer.class)).isInstanceOf(LoggingMailer.class);
		});
		context.withPropertyValues("serviceaccounts.mail.outbox= ")
			.run(app -> assertThat(app.getBean(Mailer.class)).isInstanceOf(LoggingMailer.class));
	}

	@Test
	void withAnOutboxAndNoMailServerEveryMailBecomesAFile() {
		Path outbox = data.resolve("outbox");
		context.withPropertyValues("serviceaccounts.mail.outbox=" + outbox).run(app -> {
			assertThat(app).hasSingleBean(Mailer.class);
			assertThat(app.getBean(Mailer.class)).isInstanceOf(OutboxMailer.class);

			app.getBean(ServiceAccountMails.class)
				.approvalRequested("bob@example.com", jiraSyncRequest(), TASKLIST_URL);

			try (Stream<Path> files = Files.list(outbox)) {
				assertThat(files).singleElement()
					.satisfies(file -> assertThat(file.getFileName().toString())
						.matches("\\d{8}-\\d{6}-\\d{3}-svc_jira_sync-approval-needed\\.eml"));
			}
		});
	}

	@Test
	void aMailServerWinsOverAnOutbox() {
		context
			.withPropertyValues("spring.mail.host=localhost", "spring.mail.port=" + greenMail.getSmtp().getPort(),
					"serviceaccounts.mail.outbox=" + data.resolve("outbox"))
			.run(app -> {
				assertThat(app.getBean(Mailer.class)).isInstanceOf(SmtpMailer.class);
				app.getBean(ServiceAccountMails.class).accountWithdrawn("alice@example.com", jiraSyncRequest());

				assertThat(greenMail.getReceivedMessages()).hasSize(1);
				assertThat(data.resolve("outbox")).doesNotExist();
			});
	}

	/**
	 * The local default as the application builds it: the outbox in ./data/outbox with
	 * the simulator, the log with a real ServiceNow. No mail is sent here, which would
	 * write into the working directory.
	 */
	@Test
	void theLocalDefaultChoosesTheOutboxOnlyForTheSimulator() {
		ApplicationContextRunner withLocalDefaults = context.withInitializer(
				app -> new LocalOutbox().postProcessEnvironment(app.getEnvironment(), new SpringApplication()));

		withLocalDefaults.run(app -> assertThat(app.getBean(Mailer.class)).isInstanceOfSatisfying(OutboxMailer.class,
				outbox -> assertThat(outbox.directory()).isEqualTo(Path.of("data/outbox").toAbsolutePath())));
		withLocalDefaults.withPropertyValues("servicenow.base-url=https://acme.service-now.com")
			.run(app -> assertThat(app.getBean(Mailer.class)).isInstanceOf(LoggingMailer.class));
		withLocalDefaults
			.withPropertyValues("spring.mail.host=localhost", "spring.mail.port=" + greenMail.getSmtp().getPort())
			.run(app -> assertThat(app.getBean(Mailer.class)).isInstanceOf(SmtpMailer.class));
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
