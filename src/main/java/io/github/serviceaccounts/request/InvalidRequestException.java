package io.github.serviceaccounts.request;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input that breaks the request's rules. Thrown before anything is written, so the caller
 * (a form submission, a REST start) sees every broken rule at once, one sentence a field,
 * naming the field as its form labels it ({@link FormLabels}): "Comment: is required when
 * you reject." A bad user request to the engine: it logs it below ERROR, and the REST API
 * answers it with 400 (where the engine REST layer would answer 500,
 * {@link RefusedRequestAnswers400} does).
 */
public class InvalidRequestException extends BadUserRequestException implements Refusal {

	private final String form;

	private final List<Violation> violations;

	/** Refused where the form is not known (the fields are named as their forms do). */
	public InvalidRequestException(List<Violation> violations) {
		this(null, violations);
	}

	/**
	 * @param form the form whose submission is refused, whose labels name the fields
	 */
	public InvalidRequestException(String form, List<Violation> violations) {
		super(FormLabels.deployed().sentences(form, violations));
		this.form = form;
		this.violations = List.copyOf(violations);
	}

	/** The same refusal, of a submission of the given form. */
	public InvalidRequestException onForm(String form) {
		return new InvalidRequestException(form, violations);
	}

	@Override
	public String form() {
		return form;
	}

	public List<Violation> violations() {
		return violations;
	}

}
