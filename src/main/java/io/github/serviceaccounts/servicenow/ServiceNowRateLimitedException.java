package io.github.serviceaccounts.servicenow;

import java.time.Duration;
import java.util.Optional;

/** HTTP 429: a rate-limit rule or a full request queue on the instance. */
public class ServiceNowRateLimitedException extends ServiceNowTransientException {

	private final Duration retryAfter;

	/**
	 * @param retryAfter how long ServiceNow asked us to wait, or {@code null} when it did
	 * not say (a full request queue answers 429 without the rate-limit headers)
	 */
	public ServiceNowRateLimitedException(String operation, String message, Duration retryAfter) {
		super(operation, 429, message);
		this.retryAfter = retryAfter;
	}

	/**
	 * From {@code Retry-After} (seconds), else from {@code X-RateLimit-Reset} (Unix time)
	 * minus now.
	 */
	public Optional<Duration> getRetryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
