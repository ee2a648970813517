package io.github.serviceaccounts.simulator;

/** A refusal the simulated instance answers with ServiceNow's error envelope. */
final class ServiceNowError extends RuntimeException {

	private final int status;

	private final String detail;

	ServiceNowError(int status, String message, String detail) {
		super(message);
		this.status = status;
		this.detail = detail;
	}

	static ServiceNowError noRecord() {
		return new ServiceNowError(404, "No Record found",
				"Record doesn't exist or ACL restricts the record retrieval");
	}

	static ServiceNowError invalidTable(String table) {
		return new ServiceNowError(400, "Invalid table " + table, null);
	}

	static ServiceNowError operationFailed(String operation, String table, String what) {
		return new ServiceNowError(403, "Operation Failed",
				"Error during " + operation + " of " + table + " (" + what + ")");
	}

	static ServiceNowError unreadableBody(String detail) {
		return new ServiceNowError(400, "Exception while reading request", detail);
	}

	int status() {
		return status;
	}

	String detail() {
		return detail;
	}

	SimResponse toResponse() {
		return SimResponse.error(status, getMessage(), detail);
	}

}
