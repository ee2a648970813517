package io.github.serviceaccounts.notification;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * An {@link OutgoingMail} as a MIME message, the same whether it goes out by SMTP or into
 * the outbox.
 */
final class MimeMails {

	private MimeMails() {
	}

	static void fill(MimeMessage message, OutgoingMail mail, String from) throws MessagingException {
		MimeMessageHelper headers = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
		headers.setFrom(from);
		headers.setTo(mail.to().toArray(String[]::new));
		headers.setSubject(mail.subject());
		// Plain multipart/alternative (text first, preferred HTML last):
		// MimeMessageHelper's multipart modes would wrap it in mixed/related parts meant
		// for attachments we never send.
		if (mail.html() == null) {
			message.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
			return;
		}
		MimeBodyPart text = new MimeBodyPart();
		text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
	}

}
