package io.github.serviceaccounts.request;

/**
 * One broken rule: the field (= form key = variable name) and the rule in plain words.
 */
public record Violation(String field, String rule) {

	@Override
	public String toString() {
		return field + ": " + rule;
	}
}
