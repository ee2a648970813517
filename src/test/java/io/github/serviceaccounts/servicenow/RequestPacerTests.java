package io.github.serviceaccounts.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RequestPacerTests {

	final List<Duration> slept = new ArrayList<>();

	RequestPacer pacer(int callsPerSecond, Duration permitTimeout) {
		return new RequestPacer(new ServiceNowPacing(callsPerSecond, permitTimeout, Duration.ofSeconds(5), 3),
				slept::add);
	}

	static ServiceNowRateLimitedException rateLimited(Duration retryAfter) {
		return new ServiceNowRateLimitedException("GET sys_user", "Rate limit exceeded", retryAfter);
	}

	@Test
	void shortRateLimitIsWaitedOutAsAskedAndTheCallRepeated() {
		AtomicInteger calls = new AtomicInteger();

		String answer = pacer(0, Duration.ZERO).call("GET sys_user", () -> {
			if (calls.incrementAndGet() < 3) {
				throw rateLimited(Duration.ofSeconds(2));
			}
			return "ok";
		});

		assertThat(answer).isEqualTo("ok");
		assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
	}

	@Test
	void longOrUnknownWaitsAndTooManyAttemptsGoBackToTheCaller() {
		assertThatThrownBy(() -> pacer(0, Duration.ZERO).call("GET sys_user", () -> {
			throw rateLimited(Duration.ofMinutes(10));
		})).isInstanceOf(ServiceNowRateLimitedException.class);
		assertThatThrownBy(() -> pacer(0, Duration.ZERO).call("GET sys_user", () -> {
			throw rateLimited(null);
		})).isInstanceOf(ServiceNowRateLimitedException.class);
		assertThat(slept).isEmpty();

		AtomicInteger calls = new AtomicInteger();
		assertThatThrownBy(() -> pacer(0, Duration.ZERO).call("GET sys_user", () -> {
			calls.incrementAndGet();
			throw rateLimited(Duration.ofSeconds(1));
		})).isInstanceOf(ServiceNowRateLimitedException.class);
		assertThat(calls).hasValue(4);
	}

	@Test
	void ceilingOnCallsPerSecondHoldsBackTheCallsAboveIt() {
		RequestPacer pacer = pacer(3, Duration.ZERO);
		int permitted = 0;
		for (int i = 0; i < 10; i++) {
			try {
				pacer.call("GET sys_user", () -> "ok");
				permitted++;
			}
			catch (ServiceNowTransientException ex) {
				assertThat(ex.getMessage()).contains("servicenow.pacing.calls-per-second=3");
			}
		}
		// All ten calls are made within far less than a second, so only one period's
		// permits exist.
		assertThat(permitted).isBetween(3, 6);
	}

}
