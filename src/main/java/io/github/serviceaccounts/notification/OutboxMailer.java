package io.github.serviceaccounts.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local default's mail: with the embedded ServiceNow simulator and no SMTP server,
 * every mail becomes an RFC 822 file ({@code .eml}, text and HTML part) in a directory,
 * so that the owner can read their one-time password and try the account. Unlike
 * {@link LoggingMailer} it writes secrets as they are: the file is the mail. Never active
 * with a real ServiceNow ({@link LocalOutbox} refuses to start).
 * <p>
 * Files are named by time (UTC, to the millisecond) and subject, e.g.
 * {@code 20261205-071502-123-svc_jira_sync-your-one-time-password.eml}, so they sort in
 * the order they were written; an existing file is never replaced (the new one takes the
 * next free millisecond). Where the file system allows, only the application's user may
 * read them.
 */
final class OutboxMailer implements Mailer {

	private static final Logger log = LoggerFactory.getLogger(OutboxMailer.class);

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
		.withZone(ZoneOffset.UTC);

	private static final int MAX_SLUG_LENGTH = 80;

	private static final int MAX_ATTEMPTS = 1_000;

	private final Path directory;

	private final String from;

	private final Clock clock;

	private final Session session = Session.getInstance(new Properties());

	OutboxMailer(Path directory, String from, Clock clock) {
		this.directory = directory.toAbsolutePath().normalize();
		this.from = from;
		this.clock = clock;
		log.info("Mail is written to the outbox {} as .eml files, one-time passwords included, because ServiceNow is "
				+ "the embedded simulator and spring.mail.host is not set", this.directory);
	}

	Path directory() {
		return directory;
	}

	@Override
	public void send(OutgoingMail mail) {
		MimeMessage message = new MimeMessage(session);
		try {
			MimeMails.fill(message, mail, from);
			message.setSentDate(Date.from(clock.instant()));
			message.saveChanges();
		}
		catch (MessagingException ex) {
			// No cause: a message exception may carry the message, body and password
			// included.
			throw new IllegalStateException("Could not prepare the mail \"" + mail.masked(mail.subject()) + "\" to "
					+ mail.to() + " for the outbox: " + mail.masked(ex.getMessage()));
		}
		Path file = write(message, clock.instant(), slug(mail.subject()), mail);
		log.info("Mail \"{}\" to {} written to {}", mail.masked(mail.subject()), mail.to(), file);
	}

	/**
	 * A name already taken moves the file to the next millisecond, so that the names keep
	 * the order in which the mails were written.
	 */
	private Path write(MimeMessage message, Instant sent, String slug, OutgoingMail mail) {
		try {
			createDirectory();
			for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
				Path file = directory.resolve(FILE_TIME.format(sent.plusMillis(attempt)) + "-" + slug + ".eml");
				try {
					Files.createFile(file, ownerOnly("rw-------"));
				}
				catch (FileAlreadyExistsException taken) {
					continue;
				}
				try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING)) {
					message.writeTo(out);
				}
				catch (IOException | MessagingException ex) {
					Files.deleteIfExists(file);
					throw new IOException("writing " + file + " failed: " + mail.masked(ex.getMessage()));
				}
				return file;
			}
			throw new IOException(MAX_ATTEMPTS + " files named <time>-" + slug + ".eml from " + FILE_TIME.format(sent)
					+ " on exist already");
		}
		catch (IOException ex) {
			// Rethrown without the cause, whose message the mask has not seen.
			throw new IllegalStateException("Could not write the mail \"" + mail.masked(mail.subject()) + "\" to "
					+ mail.to() + " to the outbox " + directory + " (" + mail.masked(ex.toString())
					+ "). Make the directory writable, or set serviceaccounts.mail.outbox to another one.");
		}
	}

	private void createDirectory() throws IOException {
		if (!Files.isDirectory(directory)) {
			Files.createDirectories(directory, ownerOnly("rwx------"));
		}
	}

	private static FileAttribute<?>[] ownerOnly(String permissions) {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[0];
		}
		return new FileAttribute<?>[] {
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
	}

	/**
	 * "svc_jira_sync-your-one-time-password" from "Service account svc_jira_sync: your
	 * one-time password": lower case, letters, digits, '_' and '.', the rest one '-'.
	 */
	static String slug(String subject) {
		String slug = subject.strip()
			.replaceFirst("(?i)^service account\\s+", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9_.]+", "-")
			.replaceAll("^[-.]+|[-.]+$", "");
		if (slug.length() > MAX_SLUG_LENGTH) {
			slug = slug.substring(0, MAX_SLUG_LENGTH).replaceAll("[-.]+$", "");
		}
		return slug.isEmpty() ? "mail" : slug;
	}

}
