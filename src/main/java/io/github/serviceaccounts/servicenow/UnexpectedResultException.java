package io.github.serviceaccounts.servicenow;

/**
 * A lookup returned something other than exactly the record asked for: more than one
 * match for a unique key, or a record whose key differs from the one asked for. Either
 * the data needs a person's attention (two users with one name) or the query did not mean
 * what we think (ServiceNow silently drops unknown field names, which widens a match), so
 * acting on the answer would be unsafe.
 */
public class UnexpectedResultException extends ServiceNowException {

	public UnexpectedResultException(String operation, int status, String message) {
		super(operation, status, message);
	}

}
