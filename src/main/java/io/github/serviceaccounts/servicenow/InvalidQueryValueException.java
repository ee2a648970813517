package io.github.serviceaccounts.servicenow;

/**
 * A value was refused before it could reach a ServiceNow encoded query. Encoded queries
 * have no escape for {@code ^}, so the only safe values are those on an allow-list.
 */
public class InvalidQueryValueException extends IllegalArgumentException {

	private final String field;

	private final String rule;

	public InvalidQueryValueException(String field, String rule, String message) {
		super(message);
		this.field = field;
		this.rule = rule;
	}

	/** The caller's name for the value, e.g. {@code "accountUserName"}. */
	public String getField() {
		return this.field;
	}

	/**
	 * The allow-list rule in words, e.g. {@code "32 lowercase hexadecimal characters"}.
	 */
	public String getRule() {
		return this.rule;
	}

}
