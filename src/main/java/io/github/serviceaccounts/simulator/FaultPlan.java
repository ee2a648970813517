package io.github.serviceaccounts.simulator;

import java.util.List;

/**
 * Random faults for Table API calls. One draw per call picks at most one fault; the rates
 * are probabilities between 0 and 1 and may add up to at most 1. Zero durations take
 * sensible defaults (retry after 1 s, time out after 5 s). A seed makes a run repeatable.
 *
 * @param errorRate share of calls answered with one of {@code errorStatuses} (500, 502,
 * 503, 504; default all but 504) before anything is written
 * @param rateLimitRate share of calls answered 429
 * @param retryAfterSeconds the Retry-After of those 429s
 * @param timeoutRate share of calls held for {@code timeoutMillis} before being answered
 * normally
 * @param commitThenFailRate share of writes applied and then answered 500 "Transaction
 * cancelled"
 * @param truncatedRate share of calls answered 200 with the JSON cut off
 * @param latencyMillis added to every Table API call
 * @param randomSeed null for a different sequence each time
 */
public record FaultPlan(double errorRate, List<Integer> errorStatuses, double rateLimitRate, int retryAfterSeconds,
		double timeoutRate, long timeoutMillis, double commitThenFailRate, double truncatedRate, long latencyMillis,
		Long randomSeed) {

	// Declared before NONE, whose construction needs it.
	private static final List<Integer> DEFAULT_ERROR_STATUSES = List.of(500, 502, 503);

	public static final FaultPlan NONE = new FaultPlan(0, null, 0, 0, 0, 0, 0, 0, 0, null);

	public FaultPlan {
		errorStatuses = errorStatuses == null || errorStatuses.isEmpty() ? DEFAULT_ERROR_STATUSES
				: List.copyOf(errorStatuses);
		errorStatuses.forEach(Fault::forStatus);
		requireRate("errorRate", errorRate);
		requireRate("rateLimitRate", rateLimitRate);
		requireRate("timeoutRate", timeoutRate);
		requireRate("commitThenFailRate", commitThenFailRate);
		requireRate("truncatedRate", truncatedRate);
		if (errorRate + rateLimitRate + timeoutRate + commitThenFailRate + truncatedRate > 1.000001) {
			throw new IllegalArgumentException(
					"The fault rates add up to more than 1; one call gets at most one fault");
		}
		if (retryAfterSeconds < 0 || timeoutMillis < 0 || latencyMillis < 0) {
			throw new IllegalArgumentException(
					"retryAfterSeconds, timeoutMillis and latencyMillis must not be negative");
		}
	}

	public FaultPlan withErrors(double rate, Integer... statuses) {
		return new FaultPlan(rate, List.of(statuses), rateLimitRate, retryAfterSeconds, timeoutRate, timeoutMillis,
				commitThenFailRate, truncatedRate, latencyMillis, randomSeed);
	}

	public FaultPlan withRateLimit(double rate, int retryAfter) {
		return new FaultPlan(errorRate, errorStatuses, rate, retryAfter, timeoutRate, timeoutMillis, commitThenFailRate,
				truncatedRate, latencyMillis, randomSeed);
	}

	public FaultPlan withTimeouts(double rate, long millis) {
		return new FaultPlan(errorRate, errorStatuses, rateLimitRate, retryAfterSeconds, rate, millis,
				commitThenFailRate, truncatedRate, latencyMillis, randomSeed);
	}

	public FaultPlan withCommitThenFail(double rate) {
		return new FaultPlan(errorRate, errorStatuses, rateLimitRate, retryAfterSeconds, timeoutRate, timeoutMillis,
				rate, truncatedRate, latencyMillis, randomSeed);
	}

	public FaultPlan withTruncated(double rate) {
		return new FaultPlan(errorRate, errorStatuses, rateLimitRate, retryAfterSeconds, timeoutRate, timeoutMillis,
				commitThenFailRate, rate, latencyMillis, randomSeed);
	}

	public FaultPlan withLatency(long millis) {
		return new FaultPlan(errorRate, errorStatuses, rateLimitRate, retryAfterSeconds, timeoutRate, timeoutMillis,
				commitThenFailRate, truncatedRate, millis, randomSeed);
	}

	public FaultPlan withSeed(long seed) {
		return new FaultPlan(errorRate, errorStatuses, rateLimitRate, retryAfterSeconds, timeoutRate, timeoutMillis,
				commitThenFailRate, truncatedRate, latencyMillis, seed);
	}

	private static void requireRate(String name, double rate) {
		if (!(rate >= 0 && rate <= 1)) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, not " + rate);
		}
	}
}
