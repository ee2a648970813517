package io.github.serviceaccounts.servicenow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this application paces its calls ({@code servicenow.pacing.*}).
 *
 * @param callsPerSecond ceiling on ServiceNow calls per second, shared by every job in
 * this JVM, so that a burst of approvals cannot trip the instance's rate-limit rules
 * @param permitTimeout how long a call may wait for its turn before it fails as transient
 * @param absorbWaitsUpTo a 429 whose Retry-After is at most this long is waited out
 * inside the call; a longer one is handed to the engine, which reschedules the job
 * without using up a retry
 * @param absorbAttempts how many short 429 waits one call absorbs before handing over
 */
@ConfigurationProperties("servicenow.pacing")
public record ServiceNowPacing(@DefaultValue("10") int callsPerSecond, @DefaultValue("10s") Duration permitTimeout,
		@DefaultValue("5s") Duration absorbWaitsUpTo, @DefaultValue("2") int absorbAttempts) {

	/** No ceiling and no absorbed waits: every 429 reaches the caller. */
	static final ServiceNowPacing NONE = new ServiceNowPacing(0, Duration.ZERO, Duration.ZERO, 0);

	public ServiceNowPacing {
		if (callsPerSecond < 0) {
			throw new IllegalArgumentException("servicenow.pacing.calls-per-second must be 0 (no ceiling) or more");
		}
	}
}
