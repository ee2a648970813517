package io.github.serviceaccounts.servicenow;

import java.time.Instant;
import java.util.Optional;

/**
 * A failure that may go away by itself: 5xx, 429, 202 without a body, I/O errors,
 * timeouts, or a body that was cut off or carried an error. A write that failed this way
 * may still have been committed, so callers look the record up before they repeat a
 * create.
 */
public class ServiceNowTransientException extends ServiceNowException {

	private transient Instant writeInDoubtUntil;

	public ServiceNowTransientException(String operation, int status, String message) {
		super(operation, status, message);
	}

	public ServiceNowTransientException(String operation, int status, String message, Throwable cause) {
		super(operation, status, message, cause);
	}

	/**
	 * Until when ServiceNow may still commit the write this call sent: set when the call
	 * was a write that reached ServiceNow (or may have) and got no clear answer, such as
	 * a 5xx, a time-out or a cut-off body. A look-up made before then may miss a record
	 * that appears a moment later, so the step must not run again before it. Empty for
	 * reads, for a 429 (ServiceNow did nothing) and when no connection was made.
	 */
	public Optional<Instant> getWriteInDoubtUntil() {
		return Optional.ofNullable(this.writeInDoubtUntil);
	}

	void setWriteInDoubtUntil(Instant until) {
		this.writeInDoubtUntil = until;
	}

}
