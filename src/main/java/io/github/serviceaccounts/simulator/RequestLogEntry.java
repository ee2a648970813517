package io.github.serviceaccounts.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One call the simulator answered. Never holds a body, a password or a token.
 *
 * @param query the decoded query string, password-like values masked
 * @param fault the injected fault, or null
 * @param warnings what a real instance would have done silently: dropped query
 * conditions, ignored fields, truncated user names, ineffective password writes, and
 * DANGEROUS {@code javascript:} values
 */
public record RequestLogEntry(Instant timestamp, String method, String path, String query, int status, Fault fault,
		List<String> warnings) {

	public RequestLogEntry {
		warnings = List.copyOf(warnings);
	}
}
