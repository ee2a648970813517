package io.github.serviceaccounts.request;

/**
 * One broken rule: the field (= form key = variable name) and the rule in plain words,
 * said after the field's label ("is required when you reject"). A rule that belongs to no
 * field of the form has no field, and is a whole sentence of its own.
 */
public record Violation(String field, String rule) {

	/** A rule that no field of the form is about, as the sentence a person reads. */
	public static Violation of(String sentence) {
		return new Violation(null, sentence);
	}

	@Override
	public String toString() {
		return field == null ? rule : field + ": " + rule;
	}
}
