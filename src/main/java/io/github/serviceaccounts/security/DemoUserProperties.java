package io.github.serviceaccounts.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code serviceaccounts.demo-users} and {@code serviceaccounts.demo-password}: local
 * demo identities.
 */
@ConfigurationProperties("serviceaccounts")
record DemoUserProperties(boolean demoUsers, String demoPassword) {
}
