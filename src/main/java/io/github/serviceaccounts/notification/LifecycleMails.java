package io.github.serviceaccounts.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Service;

/**
 * The mails of a governed account's life (review, hand-over, locks, retirement): a
 * subject, a few plain paragraphs and, where somebody has to act, the link to the task.
 * Subjects start with "Service account &lt;user name&gt;:", like the request's, so a
 * recipient's mail client groups everything about one account.
 */
@Service
public class LifecycleMails {

	private final Mailer mailer;

	private final MailTemplates templates = new MailTemplates();

	public LifecycleMails(Mailer mailer) {
		this.mailer = Objects.requireNonNull(mailer, "mailer");
	}

	/**
	 * @param to the addresses; blank and repeated ones are left out, and nobody is mailed
	 * when none is left
	 * @param what the subject after "Service account &lt;account&gt;: "
	 * @param taskUrl the task to open, or null when nobody has to act
	 * @return whether a mail went out
	 */
	public boolean send(List<String> to, String account, String what, List<String> paragraphs, String taskUrl) {
		List<String> recipients = to == null ? List.of()
				: to.stream()
					.filter(address -> address != null && !address.isBlank())
					.map(String::strip)
					.distinct()
					.toList();
		if (recipients.isEmpty()) {
			return false;
		}
		String name = oneLine(Objects.requireNonNull(account, "account"));
		String subject = "Service account " + name + ": " + oneLine(Objects.requireNonNull(what, "what"));
		Map<String, Object> model = new HashMap<>();
		model.put("subject", subject);
		model.put("account", name);
		model.put("paragraphs", List.copyOf(paragraphs));
		model.put("taskUrl", taskUrl);
		String html = mailer.sendsHtml() ? templates.html("lifecycle-notice", model) : null;
		mailer.send(new OutgoingMail(recipients, subject, templates.text("lifecycle-notice", model), html, List.of()));
		return true;
	}

	/** A mail header must not break: no line breaks or control characters. */
	private static String oneLine(String value) {
		return value.strip().replaceAll("\\p{Cntrl}", " ");
	}

}
