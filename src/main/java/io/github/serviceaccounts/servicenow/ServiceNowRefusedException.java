package io.github.serviceaccounts.servicenow;

/**
 * ServiceNow understood the request and said no (400, 401, 403, 404 outside lookups,
 * other 4xx, or a redirect away from the Table API). Repeating the same request will not
 * help; a person has to act.
 */
public class ServiceNowRefusedException extends ServiceNowException {

	private final String serviceNowMessage;

	private final String serviceNowDetail;

	public ServiceNowRefusedException(String operation, int status, String serviceNowMessage, String serviceNowDetail,
			String message) {
		super(operation, status, message);
		this.serviceNowMessage = serviceNowMessage;
		this.serviceNowDetail = serviceNowDetail;
	}

	/**
	 * Builds the usual operator message from ServiceNow's {@code error.message} and
	 * {@code error.detail}.
	 */
	public ServiceNowRefusedException(String operation, int status, String serviceNowMessage, String serviceNowDetail) {
		this(operation, status, serviceNowMessage, serviceNowDetail, operation + " was refused by ServiceNow (HTTP "
				+ status + "): " + ServiceNowErrors.summary(serviceNowMessage, serviceNowDetail));
	}

	/**
	 * ServiceNow's {@code error.message}, e.g. {@code "Operation Failed"}; may be
	 * {@code null}.
	 */
	public String getServiceNowMessage() {
		return this.serviceNowMessage;
	}

	/**
	 * ServiceNow's {@code error.detail}, e.g.
	 * {@code "Error during insert of sys_user (...)"}; may be {@code null}.
	 */
	public String getServiceNowDetail() {
		return this.serviceNowDetail;
	}

}
