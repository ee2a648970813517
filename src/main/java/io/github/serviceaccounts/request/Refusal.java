package io.github.serviceaccounts.request;

/**
 * What a person submitted, refused by a rule of the request: their mistake or a rule they
 * may not break, never a failure of the application. Its message is the plain sentence a
 * person reads (the field as its form labels it, and the rule), with no engine code,
 * class name or id in it, so the engine answers it as it is (Tasklist shows it under its
 * own heading), and logs it as one line, not as an error.
 */
public interface Refusal {

	/** The form whose submission was refused, or null when it is not known. */
	String form();

	/** The plain sentence(s) a person reads. */
	String getMessage();

}
