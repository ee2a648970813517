package io.github.serviceaccounts.servicenow;

/**
 * Base of everything the ServiceNow client throws. Messages are written for operators who
 * read them in Cockpit incidents: they name the operation, the HTTP status and what
 * ServiceNow said, and never carry request bodies, headers, passwords, tokens or client
 * secrets.
 */
public class ServiceNowException extends RuntimeException {

	private final String operation;

	private final int status;

	public ServiceNowException(String operation, int status, String message) {
		this(operation, status, message, null);
	}

	public ServiceNowException(String operation, int status, String message, Throwable cause) {
		super(message, cause);
		this.operation = operation;
		this.status = status;
	}

	/** For example {@code "POST sys_user"} or {@code "GET sys_user/<sys_id>"}. */
	public String getOperation() {
		return this.operation;
	}

	/** The HTTP status ServiceNow answered with, or {@code 0} when no answer arrived. */
	public int getStatus() {
		return this.status;
	}

}
