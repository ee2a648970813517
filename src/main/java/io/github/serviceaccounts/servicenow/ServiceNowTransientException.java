package io.github.serviceaccounts.servicenow;

/**
 * A failure that may go away by itself: 5xx, 429, 202 without a body, I/O errors, timeouts, or a body
 * that was cut off or carried an error. A write that failed this way may still have been committed,
 * so callers look the record up before they repeat a create.
 */
public class ServiceNowTransientException extends ServiceNowException {

	public ServiceNowTransientException(String operation, int status, String message) {
		super(operation, status, message);
	}

	public ServiceNowTransientException(String operation, int status, String message, Throwable cause) {
		super(operation, status, message, cause);
	}
}
