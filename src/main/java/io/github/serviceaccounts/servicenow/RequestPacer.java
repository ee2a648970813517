package io.github.serviceaccounts.servicenow;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;

/**
 * Paces calls to ServiceNow: a JVM-wide ceiling on calls per second (Resilience4j's rate
 * limiter), and short 429 waits absorbed inside the call. A 429 means the instance
 * refused the request before doing anything, so repeating even a write is safe.
 */
final class RequestPacer {

	private static final Logger logger = LoggerFactory.getLogger(RequestPacer.class);

	private final RateLimiter limiter;

	private final ServiceNowPacing pacing;

	private final Sleeper sleeper;

	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	RequestPacer(ServiceNowPacing pacing) {
		this(pacing, duration -> Thread.sleep(duration.toMillis()));
	}

	RequestPacer(ServiceNowPacing pacing, Sleeper sleeper) {
		this.pacing = pacing;
		this.sleeper = sleeper;
		this.limiter = pacing.callsPerSecond() <= 0 ? null
				: RateLimiter.of("servicenow",
						RateLimiterConfig.custom()
							.limitForPeriod(pacing.callsPerSecond())
							.limitRefreshPeriod(Duration.ofSeconds(1))
							.timeoutDuration(pacing.permitTimeout())
							.build());
	}

	<T> T call(String operation, Supplier<T> call) {
		for (int attempt = 0;; attempt++) {
			acquire(operation);
			try {
				return call.get();
			}
			catch (ServiceNowRateLimitedException ex) {
				Duration wait = ex.getRetryAfter().orElse(null);
				if (attempt >= pacing.absorbAttempts() || wait == null
						|| wait.compareTo(pacing.absorbWaitsUpTo()) > 0) {
					throw ex;
				}
				logger.info("{} was rate-limited by ServiceNow; waiting {} ms as asked", operation, wait.toMillis());
				pause(operation, wait, ex);
			}
		}
	}

	private void acquire(String operation) {
		if (limiter == null) {
			return;
		}
		try {
			RateLimiter.waitForPermission(limiter);
		}
		catch (RequestNotPermitted ex) {
			throw new ServiceNowTransientException(operation, 0,
					operation + " waited more than " + pacing.permitTimeout()
							+ " for its turn under servicenow.pacing.calls-per-second=" + pacing.callsPerSecond());
		}
	}

	private void pause(String operation, Duration wait, ServiceNowRateLimitedException cause) {
		try {
			sleeper.sleep(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw cause;
		}
	}

}
