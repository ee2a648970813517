package io.github.serviceaccounts.request;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that breaks the request's rules. Thrown before anything is written, so the caller (a form
 * submission, a REST start) sees every broken rule at once.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidRequestException(List<Violation> violations) {
		super("The request is not valid. " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return violations;
	}
}
