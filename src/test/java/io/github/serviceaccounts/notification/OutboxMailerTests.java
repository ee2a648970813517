package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.notification.MailFixtures.ONE_TIME_PASSWORD;
import static io.github.serviceaccounts.notification.MailFixtures.REST_API_EXPLORER_URL;
import static io.github.serviceaccounts.notification.MailFixtures.jiraSyncRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.serviceaccounts.notification.MailFixtures.ReceivedMail;

@ExtendWith(OutputCaptureExtension.class)
class OutboxMailerTests {

	static final Clock AT_0715 = Clock.fixed(Instant.parse("2026-12-05T07:15:02.123Z"), ZoneOffset.UTC);

	@TempDir
	Path data;

	@Test
	void theCredentialsMailIsAnEmlFileThatAnyMailClientReadsPasswordIncluded(CapturedOutput output) throws Exception {
		Path outbox = data.resolve("outbox");
		new ServiceAccountMails(new OutboxMailer(outbox, "Service accounts <service-accounts@localhost>", AT_0715))
			.credentials("alice@example.com", jiraSyncRequest(), ONE_TIME_PASSWORD.toCharArray(),
					REST_API_EXPLORER_URL);

		Path file = outbox.resolve("20261205-071502-123-svc_jira_sync-your-one-time-password.eml");
		assertThat(files(outbox)).containsExactly(file);
		ReceivedMail mail = ReceivedMail.of(parse(file));
		assertThat(mail.from()).containsExactly("Service accounts <service-accounts@localhost>");
		assertThat(mail.to()).containsExactly("alice@example.com");
		assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync: your one-time password");
		assertThat(mail.contentType()).startsWith("multipart/alternative");
		assertThat(mail.textType()).startsWith("text/plain");
		assertThat(mail.text()).contains("One-time password:  " + ONE_TIME_PASSWORD, REST_API_EXPLORER_URL);
		assertThat(mail.htmlType()).startsWith("text/html");
		assertThat(mail.html()).contains(ONE_TIME_PASSWORD);
		// What `cat` shows: the headers and the password as it is.
		assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("Subject: Service account svc_jira_sync",
				"Date: ", "One-time password:  " + ONE_TIME_PASSWORD);
		assertThat(output.getAll()).contains("written to " + file)
			.contains("Service account svc_jira_sync: your one-time password")
			.doesNotContain(ONE_TIME_PASSWORD);
	}

	@Test
	void anExistingFileIsNeverReplacedAndTheNamesKeepTheOrder() throws Exception {
		OutboxMailer mailer = new OutboxMailer(data, "service-accounts@localhost", AT_0715);

		mailer.send(new OutgoingMail(List.of("alice@example.com"), "Service account svc_x: first", "first", null,
				List.of()));
		mailer.send(new OutgoingMail(List.of("alice@example.com"), "Service account svc_x: first", "second", null,
				List.of()));

		Path first = data.resolve("20261205-071502-123-svc_x-first.eml");
		Path second = data.resolve("20261205-071502-124-svc_x-first.eml");
		assertThat(files(data)).containsExactly(first, second);
		assertThat(parse(first).getContent()).isEqualTo("first");
		assertThat(parse(second).getContent()).isEqualTo("second");
	}

	@Test
	void onlyTheApplicationsUserMayReadTheFiles() throws Exception {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		Path outbox = data.resolve("new/outbox");
		new OutboxMailer(outbox, "service-accounts@localhost", AT_0715)
			.send(new OutgoingMail(List.of("alice@example.com"), "Secret", "Password: x1", null, List.of("x1")));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox))).isEqualTo("rwx------");
		assertThat(files(outbox)).singleElement()
			.satisfies(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
				.isEqualTo("rw-------"));
	}

	@Test
	void anUnwritableOutboxIsAClearFailureWithoutThePassword() throws Exception {
		Path notADirectory = Files.writeString(data.resolve("outbox"), "a file, not a directory");
		OutboxMailer mailer = new OutboxMailer(notADirectory, "service-accounts@localhost", AT_0715);

		assertThatThrownBy(() -> mailer
			.send(new OutgoingMail(List.of("alice@example.com"), "Service account svc_x: your one-time password",
					"Password: " + ONE_TIME_PASSWORD, null, List.of(ONE_TIME_PASSWORD))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Could not write the mail \"Service account svc_x: your one-time password\"")
			.hasMessageContaining("outbox " + notADirectory)
			.hasMessageContaining("serviceaccounts.mail.outbox")
			.hasNoCause()
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(ONE_TIME_PASSWORD));
	}

	@Test
	void fileNamesSayWhatTheMailIsAndStayInTheOutbox() {
		assertThat(OutboxMailer.slug("Service account svc_jira_sync is live (web services only)"))
			.isEqualTo("svc_jira_sync-is-live-web-services-only");
		assertThat(OutboxMailer.slug("Service account svc_a: reminder, approval still needed"))
			.isEqualTo("svc_a-reminder-approval-still-needed");
		assertThat(OutboxMailer.slug("../../etc/passwd")).isEqualTo("etc-passwd");
		assertThat(OutboxMailer.slug("Grüße")).isEqualTo("gr-e");
		assertThat(OutboxMailer.slug("!!!")).isEqualTo("mail");
		assertThat(OutboxMailer.slug("x".repeat(200))).hasSize(80);
	}

	private static List<Path> files(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.sorted().toList();
		}
	}

	private static MimeMessage parse(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

}
