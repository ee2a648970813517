package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.notification.MailFixtures.ONE_TIME_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.github.serviceaccounts.notification.MailFixtures.ReceivedMail;

class SmtpMailerTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	private static final OutgoingMail CREDENTIALS = new OutgoingMail(List.of("alice@example.com"),
			"Service account svc_jira_sync: your one-time password", "Password: " + ONE_TIME_PASSWORD + " – grüße",
			"<p>Password: <code>" + ONE_TIME_PASSWORD + "</code> – grüße</p>", List.of(ONE_TIME_PASSWORD));

	@Test
	void sendsTextAndHtmlAsAlternativesFromTheConfiguredSender() {
		mailer(greenMail.getSmtp().getPort()).send(CREDENTIALS);

		assertThat(greenMail.getReceivedMessages()).hasSize(1);
		ReceivedMail mail = ReceivedMail.of(greenMail.getReceivedMessages()[0]);
		assertThat(mail.from()).containsExactly("Service accounts <service-accounts@example.com>");
		assertThat(mail.to()).containsExactly("alice@example.com");
		assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync: your one-time password");
		assertThat(mail.contentType()).startsWith("multipart/alternative");
		assertThat(mail.textType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
		assertThat(mail.text()).isEqualTo("Password: " + ONE_TIME_PASSWORD + " – grüße");
		assertThat(mail.htmlType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
		assertThat(mail.html()).isEqualTo("<p>Password: <code>" + ONE_TIME_PASSWORD + "</code> – grüße</p>");
	}

	@Test
	void aMailWithoutHtmlGoesAsPlainText() throws Exception {
		mailer(greenMail.getSmtp().getPort())
			.send(new OutgoingMail(List.of("alice@example.com"), "Text only", "Just text – grüße", null, List.of()));

		assertThat(greenMail.getReceivedMessages()).hasSize(1);
		MimeMessage received = greenMail.getReceivedMessages()[0];
		assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
		assertThat(received.getContent()).isEqualTo("Just text – grüße");
	}

	@Test
	void failureReachesTheEngineWithoutTheMailOrItsPassword() throws IOException {
		SmtpMailer mailer = mailer(portWithNobodyListening());

		MailSendException failure = catchThrowableOfType(MailSendException.class, () -> mailer.send(CREDENTIALS));

		assertThat(failure).as("a MailException, so the engine retries the step").isInstanceOf(MailException.class);
		assertThat(failure.getMessage())
			.contains("Service account svc_jira_sync: your one-time password", "alice@example.com", "spring.mail")
			.doesNotContain(ONE_TIME_PASSWORD);
		assertThat(stackTraceOf(failure)).doesNotContain(ONE_TIME_PASSWORD);
		// Spring's own exception keeps the unsent message, body included, for anyone
		// holding the exception.
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MailSendException send) {
				assertThat(send.getFailedMessages()).as("unsent messages carried by %s", send).isEmpty();
			}
		}
	}

	private static SmtpMailer mailer(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("localhost");
		sender.setPort(port);
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		return new SmtpMailer(sender, "Service accounts <service-accounts@example.com>");
	}

	private static int portWithNobodyListening() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String stackTraceOf(Throwable throwable) {
		StringWriter trace = new StringWriter();
		throwable.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

}
