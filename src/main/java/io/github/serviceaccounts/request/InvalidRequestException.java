package io.github.serviceaccounts.request;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input that breaks the request's rules. Thrown before anything is written, so the caller
 * (a form submission, a REST start) sees every broken rule at once. A form field
 * validation failure to the engine, so that the REST API answers a refused start form
 * submission with 400; where the engine wraps it (the plain {@code /start}, a task
 * completion), {@link RefusedRequestAnswers400} does.
 */
public class InvalidRequestException extends FormFieldValidationException {

	private final List<Violation> violations;

	public InvalidRequestException(List<Violation> violations) {
		super(violations.isEmpty() ? null : violations.get(0).field(), "The request is not valid. "
				+ violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return violations;
	}

}
