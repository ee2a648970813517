package io.github.serviceaccounts.servicenow;

/**
 * A write this application refuses to make because ServiceNow's own answer does not show
 * that the target is the service account the caller may change (a person's account,
 * another service account, a record someone else created), or because the authority for
 * it is not on record. Nothing was written; running the step again cannot make it safe,
 * so it goes straight to an incident for a person to look at.
 */
public class UnsafeWriteException extends RuntimeException {

	public UnsafeWriteException(String message) {
		super(message);
	}

}
