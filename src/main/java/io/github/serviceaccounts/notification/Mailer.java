package io.github.serviceaccounts.notification;

/**
 * Delivers a rendered mail. {@link MailConfiguration} picks SMTP when
 * {@code spring.mail.host} is set and a logging stand-in otherwise, so the local demo
 * runs without a mail server.
 */
public interface Mailer {

	/**
	 * Sends the mail or fails with an unchecked exception, so the engine retries the
	 * step. Neither the exception nor any log line may reveal
	 * {@link OutgoingMail#secrets()}.
	 */
	void send(OutgoingMail mail);

	/**
	 * False for a mailer that uses only the text part: the HTML part is then not rendered
	 * at all.
	 */
	default boolean sendsHtml() {
		return true;
	}

}
