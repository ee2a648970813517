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

	/**
	 * A value as a refusal may quote it: no control characters, and no markup, since
	 * Tasklist shows a refusal's message as HTML; long values are cut at 60 characters.
	 */
	public static String quoted(String value) {
		String printable = value.codePoints()
			.map(c -> Character.isISOControl(c) || c == '<' || c == '>' || c == '"' || c == '`' ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
	}

	@Override
	public String toString() {
		return field == null ? rule : field + ": " + rule;
	}
}
