package io.github.serviceaccounts.simulator;

/**
 * A failure the simulator can inject into a Table API call, as seen on real instances and
 * their proxies.
 */
public enum Fault {

	/** 500 with ServiceNow's JSON error body; nothing was written. */
	INTERNAL_SERVER_ERROR,
	/** 502 with an HTML body from the load balancer; nothing was written. */
	BAD_GATEWAY,
	/** 503 with an HTML body from the load balancer; nothing was written. */
	SERVICE_UNAVAILABLE,
	/** 504 with an HTML body from the load balancer; nothing was written. */
	GATEWAY_TIMEOUT,
	/** 429 with Retry-After and the X-RateLimit headers; nothing was written. */
	RATE_LIMITED,
	/**
	 * The call is held, then answered normally: the client will have given up while the
	 * write still happens.
	 */
	TIMEOUT,
	/** Writes only: the write commits, then the answer is 500 "Transaction cancelled". */
	COMMIT_THEN_FAIL,
	/**
	 * 200 whose JSON is cut off and followed by an error object; a write is committed.
	 */
	TRUNCATED_BODY;

	static Fault forStatus(int status) {
		return switch (status) {
			case 500 -> INTERNAL_SERVER_ERROR;
			case 502 -> BAD_GATEWAY;
			case 503 -> SERVICE_UNAVAILABLE;
			case 504 -> GATEWAY_TIMEOUT;
			default -> throw new IllegalArgumentException("errorStatuses may hold 500, 502, 503 or 504, not " + status);
		};
	}

	boolean writesOnly() {
		return this == COMMIT_THEN_FAIL;
	}

}
