package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Decides which fault, if any, a Table API call gets: scripted faults ({@link #failNext})
 * first, in the order they were added, then the random ones of the {@link FaultPlan}.
 */
public final class FaultInjector {

	static final long DEFAULT_TIMEOUT_MILLIS = 5_000;
	static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

	private static final class Scripted {

		private int remaining;

		private final Fault fault;

		private final String method;

		private final String table;

		private Scripted(int remaining, Fault fault, String method, String table) {
			this.remaining = remaining;
			this.fault = fault;
			this.method = method;
			this.table = table;
		}

		private boolean matches(String callMethod, String callTable) {
			return (method == null || method.equalsIgnoreCase(callMethod)) && (table == null || table.equals(callTable))
					&& (!fault.writesOnly() || isWrite(callMethod));
		}

	}

	private final List<Scripted> scripted = new ArrayList<>();

	private FaultPlan plan = FaultPlan.NONE;

	private Random random = new Random();

	FaultInjector() {
	}

	public synchronized void configure(FaultPlan plan) {
		this.plan = plan == null ? FaultPlan.NONE : plan;
		this.random = this.plan.randomSeed() == null ? new Random() : new Random(this.plan.randomSeed());
	}

	/** Removes the plan and every scripted fault not yet used. */
	public synchronized void clear() {
		scripted.clear();
		configure(FaultPlan.NONE);
	}

	/**
	 * The next {@code n} Table API calls matching method and table get this fault.
	 * @param method e.g. "POST"; null for any method ({@link Fault#COMMIT_THEN_FAIL}
	 * still only hits writes)
	 * @param table e.g. "sys_user"; null for any table
	 */
	public synchronized void failNext(int n, Fault fault, String method, String table) {
		if (n < 1 || fault == null) {
			throw new IllegalArgumentException("failNext needs a positive count and a fault");
		}
		scripted.add(new Scripted(n, fault, method, table));
	}

	public synchronized FaultPlan plan() {
		return plan;
	}

	synchronized Optional<Fault> next(String method, String table) {
		for (Iterator<Scripted> it = scripted.iterator(); it.hasNext();) {
			Scripted candidate = it.next();
			if (candidate.matches(method, table)) {
				if (--candidate.remaining == 0) {
					it.remove();
				}
				return Optional.of(candidate.fault);
			}
		}
		if (plan == FaultPlan.NONE) {
			return Optional.empty();
		}
		// One draw against cumulative thresholds keeps each rate exact and the sequence
		// repeatable per seed.
		double draw = random.nextDouble();
		double threshold = plan.rateLimitRate();
		if (draw < threshold) {
			return Optional.of(Fault.RATE_LIMITED);
		}
		threshold += plan.errorRate();
		if (draw < threshold) {
			return Optional.of(Fault.forStatus(plan.errorStatuses().get(random.nextInt(plan.errorStatuses().size()))));
		}
		threshold += plan.timeoutRate();
		if (draw < threshold) {
			return Optional.of(Fault.TIMEOUT);
		}
		threshold += plan.truncatedRate();
		if (draw < threshold) {
			return Optional.of(Fault.TRUNCATED_BODY);
		}
		threshold += plan.commitThenFailRate();
		if (draw < threshold && isWrite(method)) {
			return Optional.of(Fault.COMMIT_THEN_FAIL);
		}
		return Optional.empty();
	}

	synchronized long latencyMillis() {
		return plan.latencyMillis();
	}

	synchronized long timeoutMillis() {
		return plan.timeoutMillis() > 0 ? plan.timeoutMillis() : DEFAULT_TIMEOUT_MILLIS;
	}

	synchronized int retryAfterSeconds() {
		return plan.retryAfterSeconds() > 0 ? plan.retryAfterSeconds() : DEFAULT_RETRY_AFTER_SECONDS;
	}

	static boolean isWrite(String method) {
		return switch (method.toUpperCase(Locale.ROOT)) {
			case "POST", "PUT", "PATCH", "DELETE" -> true;
			default -> false;
		};
	}

}
