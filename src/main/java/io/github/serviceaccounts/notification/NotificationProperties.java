package io.github.serviceaccounts.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of our own mail; the SMTP server itself is Spring Boot's
 * {@code spring.mail.*}.
 *
 * @param from sender address of every mail, e.g.
 * {@code "Service accounts <service-accounts@example.com>"}
 */
@ConfigurationProperties("serviceaccounts.mail")
record NotificationProperties(@DefaultValue("service-accounts@localhost") String from) {
}
