package io.github.serviceaccounts.request;

import java.time.Duration;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The retry cycle of every service task ({@code ${retryPolicy.timeCycle}}): one retry per
 * configured interval, each interval longer than the last, then an incident.
 */
@Component("retryPolicy")
public class RetryPolicy {

	private final String timeCycle;

	public RetryPolicy(ServiceAccountsProperties properties) {
		if (properties.retryIntervals().isEmpty()) {
			throw new IllegalArgumentException(
					"serviceaccounts.retry-intervals: give at least one interval, e.g. PT10S,PT1M");
		}
		this.timeCycle = properties.retryIntervals().stream().map(Duration::toString).collect(Collectors.joining(","));
	}

	public String getTimeCycle() {
		return timeCycle;
	}

}
