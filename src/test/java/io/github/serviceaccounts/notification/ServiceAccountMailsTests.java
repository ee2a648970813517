package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.notification.MailFixtures.ONE_TIME_PASSWORD;
import static io.github.serviceaccounts.notification.MailFixtures.REST_API_EXPLORER_URL;
import static io.github.serviceaccounts.notification.MailFixtures.TASKLIST_URL;
import static io.github.serviceaccounts.notification.MailFixtures.TASK_URL;
import static io.github.serviceaccounts.notification.MailFixtures.jiraSyncRequest;
import static io.github.serviceaccounts.notification.MailFixtures.requestWithHostileText;
import static io.github.serviceaccounts.notification.MailFixtures.requestWithoutOptionalValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.github.serviceaccounts.notification.MailFixtures.ReceivedMail;

class ServiceAccountMailsTests {

	/** The mails as they arrive at a real SMTP server. */
	@Nested
	class OverSmtp {

		@RegisterExtension
		static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

		private ServiceAccountMails mails;

		@BeforeEach
		void connectToMailServer() {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("localhost");
			sender.setPort(greenMail.getSmtp().getPort());
			mails = new ServiceAccountMails(new SmtpMailer(sender, "service-accounts@example.com"));
		}

		@Test
		void approverReceivesTextAndHtmlWithTheAccountInTheSubject() {
			mails.approvalRequested("bob@example.com", jiraSyncRequest(), TASKLIST_URL);

			ReceivedMail mail = onlyMail();
			assertThat(mail.to()).containsExactly("bob@example.com");
			assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync: approval needed");
			assertThat(mail.contentType()).startsWith("multipart/alternative");
			assertThat(mail.textType()).startsWith("text/plain");
			assertThat(mail.htmlType()).startsWith("text/html");
			assertThat(mail.text()).contains("Alice Example (alice) asks for a ServiceNow service account",
					"Nightly sync of Jira issues", TASKLIST_URL);
			assertThat(mail.html()).contains("<strong>What happens next:</strong>", "Nightly sync of Jira issues",
					"href=\"" + TASKLIST_URL + "\"");
		}

		@Test
		void hostileDisplayNameAndPurposeAreShownAsTextInHtml() {
			mails.approvalRequested("bob@example.com", requestWithHostileText(), TASKLIST_URL);

			String html = onlyMail().html();
			assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;",
					"&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quoted&quot;", "Alice &lt;b&gt;Example&lt;/b&gt;")
				.doesNotContain("<script", "<img", "<b>");
		}

		@Test
		void ownerReceivesOneTimePasswordAndTheWayToTheRestApiExplorer() {
			mails.credentials("alice@example.com", jiraSyncRequest(), ONE_TIME_PASSWORD.toCharArray(),
					REST_API_EXPLORER_URL);

			ReceivedMail mail = onlyMail();
			assertThat(mail.to()).containsExactly("alice@example.com");
			assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync: your one-time password")
				.doesNotContain(ONE_TIME_PASSWORD);
			assertThat(mail.text()).contains("One-time password:  " + ONE_TIME_PASSWORD, REST_API_EXPLORER_URL,
					"choose a", "GUI access is removed", "30 days");
			assertThat(mail.html()).contains(">" + ONE_TIME_PASSWORD + "<", "href=\"" + REST_API_EXPLORER_URL + "\"");
		}

		@Test
		void liveAccountIsAnnouncedToOwnerAndManager() {
			mails.accountLive(List.of("alice@team.example", "bob@managers.example"), jiraSyncRequest(), false);

			assertThat(mailboxOf("alice@team.example")).hasSize(1);
			assertThat(mailboxOf("bob@managers.example")).hasSize(1);
			ReceivedMail mail = ReceivedMail.of(greenMail.getReceivedMessages()[0]);
			assertThat(mail.to()).containsExactly("alice@team.example", "bob@managers.example");
			assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync is live (web services only)");
			assertThat(mail.text()).contains("can call web", "services only").doesNotContain("Nobody confirmed");
			assertThat(mail.html()).contains("web services only").doesNotContain("Nobody confirmed");
		}

		@Test
		void liveAccountMailSaysWhenNobodyConfirmedInTime() {
			mails.accountLive(List.of("alice@team.example", "bob@managers.example"), jiraSyncRequest(), true);

			ReceivedMail mail = ReceivedMail.of(greenMail.getReceivedMessages()[0]);
			assertThat(mail.text()).contains("Nobody confirmed within 30 days", "was removed anyway");
			assertThat(mail.html()).contains("Nobody confirmed within 30 days", "was removed anyway");
		}

		/**
		 * What the server delivered to this address (by SMTP envelope, not by To header).
		 */
		private List<MimeMessage> mailboxOf(String address) {
			return greenMail.findReceivedMessages(user -> user.getEmail().equals(address), message -> true).toList();
		}

		private ReceivedMail onlyMail() {
			MimeMessage[] received = greenMail.getReceivedMessages();
			assertThat(received).hasSize(1);
			return ReceivedMail.of(received[0]);
		}

	}

	/** What each mail says, read from the rendered mail before delivery. */
	@Nested
	class Content {

		private final List<OutgoingMail> sent = new ArrayList<>();

		private final ServiceAccountMails mails = new ServiceAccountMails(sent::add);

		static Stream<Arguments> everyMail() {
			return Stream.of(
					mail("approval requested",
							m -> m.approvalRequested("bob@example.com", jiraSyncRequest(), TASKLIST_URL)),
					mail("approval reminder",
							m -> m.approvalReminder("bob@example.com", jiraSyncRequest(), TASKLIST_URL)),
					mail("approval escalated",
							m -> m.approvalEscalated("admins@example.com", jiraSyncRequest(), TASKLIST_URL)),
					mail("request rejected",
							m -> m.requestRejected("alice@example.com", jiraSyncRequest(), "Use svc_jira")),
					mail("revision requested",
							m -> m.revisionRequested("alice@example.com", jiraSyncRequest(), "Name taken", TASK_URL)),
					mail("request approved",
							m -> m.requestApproved("alice@example.com", jiraSyncRequest(), "Fine", false)),
					mail("more access approved",
							m -> m.requestApproved("alice@example.com", jiraSyncRequest(), null, true)),
					mail("more access refused",
							m -> m.moreAccessRefused("alice@example.com", jiraSyncRequest(), "HR Admins", "Too broad")),
					mail("credentials",
							m -> m.credentials("alice@example.com", jiraSyncRequest(), ONE_TIME_PASSWORD.toCharArray(),
									REST_API_EXPLORER_URL)),
					mail("validation reminder",
							m -> m.validationReminder("alice@example.com", jiraSyncRequest(), TASKLIST_URL)),
					mail("account live", m -> m.accountLive(List.of("alice@example.com"), jiraSyncRequest(), false)),
					mail("account withdrawn", m -> m.accountWithdrawn("alice@example.com", jiraSyncRequest())));
		}

		private static Arguments mail(String name, Consumer<ServiceAccountMails> send) {
			return Arguments.of(name, send);
		}

		@Test
		void aMailerThatSendsTextOnlyGetsNoHtmlPart() {
			List<OutgoingMail> textOnly = new ArrayList<>();
			Mailer mailer = new Mailer() {
				@Override
				public void send(OutgoingMail mail) {
					textOnly.add(mail);
				}

				@Override
				public boolean sendsHtml() {
					return false;
				}
			};

			new ServiceAccountMails(mailer).accountLive(List.of("alice@example.com"), jiraSyncRequest(), false);

			assertThat(textOnly).singleElement().satisfies(mail -> {
				assertThat(mail.html()).isNull();
				assertThat(mail.text()).contains("svc_jira_sync is live", "GUI access has been removed");
				assertThat(mail.toString()).contains("html=none");
			});
			assertThat(new LoggingMailer().sendsHtml()).isFalse();
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("everyMail")
		void everyMailNamesTheAccountSaysWhatHappensNextAndLeavesNoTemplateSyntax(String name,
				Consumer<ServiceAccountMails> send) {
			send.accept(mails);

			OutgoingMail mail = sent.get(0);
			assertThat(mail.subject()).startsWith("Service account svc_jira_sync");
			assertThat(mail.text()).contains("svc_jira_sync", "What happens next", "sent automatically")
				.doesNotContain("[[", "[#", "${", "null");
			assertThat(mail.html()).contains("svc_jira_sync", "What happens next", "sent automatically")
				.doesNotContain("th:", "${", "null");
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("everyMail")
		void onlyTheCredentialsMailCarriesThePasswordAndNeverInTheSubject(String name,
				Consumer<ServiceAccountMails> send) {
			send.accept(mails);

			OutgoingMail mail = sent.get(0);
			assertThat(mail.subject()).doesNotContain(ONE_TIME_PASSWORD);
			assertThat(mail.toString()).doesNotContain(ONE_TIME_PASSWORD);
			if (name.equals("credentials")) {
				assertThat(mail.text()).contains(ONE_TIME_PASSWORD);
				assertThat(mail.secrets()).containsExactly(ONE_TIME_PASSWORD);
			}
			else {
				assertThat(mail.text()).doesNotContain(ONE_TIME_PASSWORD);
				assertThat(mail.secrets()).isEmpty();
			}
		}

		@Test
		void revisionMailGivesTheReasonAndOpensTheRevisionTask() {
			mails.revisionRequested("alice@example.com", jiraSyncRequest(),
					"Account user name: 'svc_jira_sync' is already taken in ServiceNow; choose another name.",
					TASK_URL);

			OutgoingMail mail = sent.get(0);
			assertThat(mail.to()).containsExactly("alice@example.com");
			assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync: please revise your request");
			assertThat(mail.text()).startsWith("Hello Alice Example,")
				.contains("Why: Account user name: 'svc_jira_sync' is already taken in ServiceNow",
						"Please revise or withdraw the request in Tasklist; this link opens it:\n" + TASK_URL);
			assertThat(mail.html()).contains("href=\"" + TASK_URL.replace("&", "&amp;") + "\"");
		}

		@Test
		void approvalMailSaysWhatComesNextForANewAccountAndForMoreAccess() {
			mails.requestApproved("alice@example.com", jiraSyncRequest(), "Go ahead", false);
			mails.requestApproved("alice@example.com", jiraSyncRequest(), "", true);

			assertThat(sent.get(0).subject()).isEqualTo("Service account svc_jira_sync: request approved");
			assertThat(sent.get(0).text())
				.contains("was approved", "Comment from the approver: Go ahead",
						"being created in ServiceNow with you as\nits owner", "one-time password in a separate mail")
				.doesNotContain("added to the groups");
			assertThat(sent.get(1).subject()).isEqualTo("Service account svc_jira_sync: more access approved");
			assertThat(sent.get(1).text()).contains("Comment from the approver: none", "added to the groups you asked")
				.doesNotContain("one-time password");
		}

		@Test
		void approverMailsOpenTheTaskItself() {
			mails.approvalRequested("bob@example.com", jiraSyncRequest(), TASK_URL);
			mails.approvalEscalated("carol@example.com", jiraSyncRequest(), TASK_URL);

			assertThat(sent.get(0).text()).contains("this link opens it:\n" + TASK_URL);
			assertThat(sent.get(1).subject()).isEqualTo("Service account svc_jira_sync: approval passed to you");
			assertThat(sent.get(1).text()).contains("not decided\nin time by the requester's manager", TASK_URL);
		}

		@Test
		void rejectionPassesOnTheApproversComment() {
			mails.requestRejected("alice@example.com", jiraSyncRequest(), "Please reuse svc_jira instead.");

			OutgoingMail mail = sent.get(0);
			assertThat(mail.to()).containsExactly("alice@example.com");
			assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync: request rejected");
			assertThat(mail.text()).startsWith("Hello Alice Example,")
				.contains("Comment from the approver: Please reuse svc_jira instead.",
						"nothing has been created in ServiceNow");
			assertThat(mail.html()).contains("Please reuse svc_jira instead.");
		}

		@Test
		void missingCommentNameAndGroupsReadNone() {
			mails.requestRejected("alice@example.com", requestWithoutOptionalValues(), "  ");

			OutgoingMail mail = sent.get(0);
			assertThat(mail.text()).startsWith("Hello alice,")
				.contains("Comment from the approver: none", "Owner:              alice\n",
						"Additional groups:  none\n");
			assertThat(mail.html()).contains(">none<");
		}

		@Test
		void refusedAccessNamesTheGroupsAskedForAndReadsNoneWithoutAComment() {
			mails.moreAccessRefused("alice@example.com", jiraSyncRequest(), " HR Admins,Payroll , ", null);

			OutgoingMail mail = sent.get(0);
			assertThat(mail.subject()).isEqualTo("Service account svc_jira_sync: more access refused");
			assertThat(mail.text()).contains("Groups you asked for:       HR Admins, Payroll\n",
					"Comment from the approver:  none\n", "keeps the access it already has");
		}

		@Test
		void liveAccountMailSkipsAMissingManagerAddress() {
			mails.accountLive(Arrays.asList("alice@example.com", null, " ", "alice@example.com"), jiraSyncRequest(),
					false);

			assertThat(sent.get(0).to()).containsExactly("alice@example.com");
		}

		@Test
		void mailWithoutRecipientIsRefusedWithAClearMessage() {
			assertThatThrownBy(() -> mails.accountWithdrawn(null, jiraSyncRequest()))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at least one recipient");
			assertThatThrownBy(() -> mails.accountLive(List.of(), jiraSyncRequest(), true))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at least one recipient");
			assertThat(sent).isEmpty();
		}

	}

}
