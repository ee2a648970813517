package io.github.serviceaccounts.notification;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Named requests and a readable view of received mail, shared by the notification tests.
 */
final class MailFixtures {

	static final String TASKLIST_URL = "https://camunda.example.com/camunda/app/tasklist/";

	static final String TASK_URL = TASKLIST_URL + "#/?task=0f3e1c2a-9b7d-11ef-8f00-0242ac120002";

	static final String REST_API_EXPLORER_URL = "https://example.service-now.com/$restapi.do";

	/**
	 * Looks like a generated password, and contains characters that a careless template
	 * would mangle.
	 */
	static final String ONE_TIME_PASSWORD = "Xk3#vP9!qL2$wR7m";

	private MailFixtures() {
	}

	static RequestSummary jiraSyncRequest() {
		return new RequestSummary("svc_jira_sync", "svc_jira_sync", "Jira sync",
				"Nightly sync of Jira issues into ServiceNow incidents", "alice", "Alice Example", "Jira Integrations");
	}

	static RequestSummary requestWithHostileText() {
		return new RequestSummary("svc_jira_sync", "svc_jira_sync", "<script>alert(1)</script>",
				"<img src=x onerror=alert(2)> & \"quoted\"", "alice", "Alice <b>Example</b>", "Jira Integrations");
	}

	static RequestSummary requestWithoutOptionalValues() {
		return new RequestSummary("svc_jira_sync", "svc_jira_sync", "Jira sync",
				"Nightly sync of Jira issues into ServiceNow incidents", "alice", null, "");
	}

	/** A received mail reduced to what a reader sees. */
	record ReceivedMail(String contentType, List<String> from, List<String> to, String subject, String textType,
			String text, String htmlType, String html) {

		static ReceivedMail of(MimeMessage message) {
			try {
				MimeMultipart parts = (MimeMultipart) message.getContent();
				return new ReceivedMail(message.getContentType(), addresses(message.getFrom()),
						addresses(message.getRecipients(RecipientType.TO)), message.getSubject(),
						parts.getBodyPart(0).getContentType(), (String) parts.getBodyPart(0).getContent(),
						parts.getBodyPart(1).getContentType(), (String) parts.getBodyPart(1).getContent());
			}
			catch (MessagingException | IOException ex) {
				throw new IllegalStateException("Cannot read the received mail", ex);
			}
		}

		private static List<String> addresses(Address[] addresses) {
			return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
		}
	}

}
