package io.github.serviceaccounts.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lifecycle's settings ({@code serviceaccounts.lifecycle.*}), ISO-8601 durations.
 *
 * @param sweep when the daily sweep runs: a cron expression as Camunda reads it (seconds
 * first, e.g. {@code 0 0 2 * * ?}) or an ISO-8601 repeating interval ({@code R/PT24H})
 * @param dormantAfter an account unused for this long is reviewed at once
 * @param sweepPageSize rows read from ServiceNow per call by the sweep and the adoption
 */
@ConfigurationProperties("serviceaccounts.lifecycle")
public record LifecycleProperties(@DefaultValue("P180D") Duration reviewInterval,
		@DefaultValue("P7D") Duration reviewReminder, @DefaultValue("P14D") Duration reviewEscalation,
		@DefaultValue("P30D") Duration reviewLock, @DefaultValue("P14D") Duration handOverEscalation,
		@DefaultValue("P30D") Duration handOverLock, @DefaultValue("P14D") Duration retirementGrace,
		@DefaultValue("P90D") Duration dormantAfter, @DefaultValue("0 0 2 * * ?") String sweep,
		@DefaultValue("1000") int sweepPageSize) {

	public LifecycleProperties {
		positive("review-interval", reviewInterval);
		positive("review-reminder", reviewReminder);
		positive("review-escalation", reviewEscalation);
		positive("review-lock", reviewLock);
		positive("hand-over-escalation", handOverEscalation);
		positive("hand-over-lock", handOverLock);
		positive("retirement-grace", retirementGrace);
		positive("dormant-after", dormantAfter);
		inOrder("review-reminder", reviewReminder, "review-escalation", reviewEscalation);
		inOrder("review-escalation", reviewEscalation, "review-lock", reviewLock);
		inOrder("hand-over-escalation", handOverEscalation, "hand-over-lock", handOverLock);
		if (sweep == null || sweep.isBlank()) {
			throw new IllegalArgumentException("serviceaccounts.lifecycle.sweep must be a cron expression such as "
					+ "'0 0 2 * * ?' or a repeating interval such as 'R/PT24H'");
		}
		if (sweepPageSize < 1 || sweepPageSize > 1000) {
			throw new IllegalArgumentException("serviceaccounts.lifecycle.sweep-page-size must be between 1 and 1000"
					+ " (ServiceNow answers at most 10,000 rows a call; 1,000 keeps each answer small), got "
					+ sweepPageSize);
		}
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(
					"serviceaccounts.lifecycle." + name + " must be a positive ISO-8601 duration, got " + value);
		}
	}

	private static void inOrder(String first, Duration earlier, String second, Duration later) {
		if (earlier.compareTo(later) >= 0) {
			throw new IllegalArgumentException("serviceaccounts.lifecycle." + first + " (" + earlier
					+ ") must be shorter than serviceaccounts.lifecycle." + second + " (" + later + ")");
		}
	}

}
