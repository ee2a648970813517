package io.github.serviceaccounts.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for SMTP when no mail server is configured (the local demo): the mail is
 * written to the log so people can still follow the process. Secrets are masked, because
 * logs are read by more people than the recipient.
 */
final class LoggingMailer implements Mailer {

	private static final Logger log = LoggerFactory.getLogger(LoggingMailer.class);

	@Override
	public void send(OutgoingMail mail) {
		log.info(
				"Mail not sent, because spring.mail.host is not set. It would have gone to {} with the subject \"{}\":\n{}",
				mail.to(), mail.masked(mail.subject()), mail.masked(mail.text()));
	}

	@Override
	public boolean sendsHtml() {
		return false;
	}

}
