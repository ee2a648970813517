package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.notification.MailFixtures.ONE_TIME_PASSWORD;
import static io.github.serviceaccounts.notification.MailFixtures.REST_API_EXPLORER_URL;
import static io.github.serviceaccounts.notification.MailFixtures.jiraSyncRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LoggingMailerTests {

	private final ServiceAccountMails mails = new ServiceAccountMails(new LoggingMailer());

	@Test
	void loggedCredentialsMailShowsEverythingButThePassword(CapturedOutput output) {
		mails.credentials("alice@example.com", jiraSyncRequest(), ONE_TIME_PASSWORD.toCharArray(),
				REST_API_EXPLORER_URL);

		assertThat(output.getAll())
			.contains("alice@example.com", "Service account svc_jira_sync: your one-time password",
					"One-time password:  ********", REST_API_EXPLORER_URL)
			.doesNotContain(ONE_TIME_PASSWORD);
	}

	@Test
	void everySecretIsMaskedEvenWhereOneContainsAnother(CapturedOutput output) {
		new LoggingMailer().send(new OutgoingMail(List.of("alice@example.com"), "Test",
				"first abc, then abcdef, then abc again", "<p>unused</p>", List.of("abc", "abcdef")));

		assertThat(output.getAll()).contains("first ********, then ********, then ******** again")
			.doesNotContain("abc", "def");
	}

}
