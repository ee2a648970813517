package io.github.serviceaccounts.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of our own mail; the SMTP server itself is Spring Boot's
 * {@code spring.mail.*}.
 *
 * @param from sender address of every mail, e.g.
 * {@code "Service accounts <service-accounts@example.com>"}
 * @param outbox directory that receives every mail as an {@code .eml} file when
 * {@code spring.mail.host} is not set; {@code ./data/outbox} with the embedded simulator
 * ({@link LocalOutbox}), refused with a real ServiceNow; blank = mail is only logged
 */
@ConfigurationProperties("serviceaccounts.mail")
record NotificationProperties(@DefaultValue("service-accounts@localhost") String from, String outbox) {
}
