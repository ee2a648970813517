package io.github.serviceaccounts.servicenow;

import java.time.Duration;

/** Receives the duration and outcome of every ServiceNow call, e.g. for Prometheus. */
@FunctionalInterface
public interface CallMetrics {

	CallMetrics NONE = (method, table, status, took) -> {
	};

	/**
	 * @param status the HTTP status, or "IO_ERROR" when no answer came (time-out,
	 * connection refused)
	 */
	void record(String method, String table, String status, Duration took);

}
