package io.github.serviceaccounts.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends mail through the SMTP server configured by {@code spring.mail.*}. */
final class SmtpMailer implements Mailer {

	private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

	private final JavaMailSender sender;

	private final String from;

	SmtpMailer(JavaMailSender sender, String from) {
		this.sender = sender;
		this.from = from;
	}

	@Override
	public void send(OutgoingMail mail) {
		try {
			sender.send(message -> MimeMails.fill(message, mail, from));
		}
		catch (MailException ex) {
			// Rethrown so the engine retries, but as a new exception: the original keeps
			// the prepared
			// message (MailSendException#getFailedMessages), body and password included,
			// and the engine
			// turns what it gets into an incident.
			throw new MailSendException(
					"Could not send the mail \"" + mail.subject() + "\" to " + mail.to() + ": "
							+ mail.masked(reason(ex))
							+ ". Check the spring.mail.* settings and that the SMTP server is reachable.",
					causeWithoutMessage(ex));
		}
		log.info("Sent mail \"{}\" to {}", mail.subject(), mail.to());
	}

	private static String reason(MailException ex) {
		if (ex instanceof MailSendException send && send.getMessageExceptions().length > 0) {
			return send.getMessageExceptions()[0].toString();
		}
		return ex.getMostSpecificCause().toString();
	}

	/**
	 * The underlying JavaMail or I/O failure, which describes the connection, not the
	 * message.
	 */
	private static Throwable causeWithoutMessage(MailException ex) {
		if (ex instanceof MailSendException send && send.getMessageExceptions().length > 0) {
			return send.getMessageExceptions()[0];
		}
		return ex.getCause();
	}

}
