package io.github.serviceaccounts.notification;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A mail ready to send: plain text and HTML alternatives of the same message.
 *
 * @param to recipients' addresses; at least one
 * @param subject subject line; never holds a secret
 * @param text the plain-text part
 * @param html the HTML part; null when the {@link Mailer} uses the text part only
 * @param secrets values in the body that must be masked if the mail is logged (e.g. a
 * one-time password)
 */
public record OutgoingMail(List<String> to, String subject, String text, String html, List<String> secrets) {

	static final String MASK = "********";

	public OutgoingMail {
		Objects.requireNonNull(to, "to");
		if (to.isEmpty() || to.stream().anyMatch(address -> address == null || address.isBlank())) {
			throw new IllegalArgumentException("A mail needs at least one recipient and no blank addresses, got " + to);
		}
		to = List.copyOf(to);
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(text, "text");
		secrets = secrets == null ? List.of() : List.copyOf(secrets);
	}

	/**
	 * The value with every secret replaced by {@value #MASK}, for logs and exception
	 * messages.
	 */
	String masked(String value) {
		if (value == null) {
			return null;
		}
		String result = value;
		// Longest first, so a secret that contains another one is not left half visible.
		for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
			if (!secret.isEmpty()) {
				result = result.replace(secret, MASK);
			}
		}
		return result;
	}

	/**
	 * Leaves out the body: a record's default toString would print the password into any
	 * log that shows a mail.
	 */
	@Override
	public String toString() {
		return "OutgoingMail[to=" + to + ", subject=" + masked(subject) + ", text=" + text.length() + " chars, html="
				+ (html == null ? "none" : html.length() + " chars") + ", secrets=" + secrets.size() + "]";
	}
}
