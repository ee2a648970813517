package io.github.serviceaccounts.lifecycle;

/**
 * The ids of {@code processes/retireServiceAccount.bpmn}, "Retire service account": the
 * owner or a fallback approver asks, and the account's lifecycle does the retiring.
 */
public final class RetireProcess {

	public static final String PROCESS_ID = "retireServiceAccount";

	public static final String RETIREMENT_ASKED = "retirementAsked";

	public static final String REQUEST_RETIREMENT = "requestRetirement";

	public static final String RETIREMENT_REFUSED = "retirementRefused";

	public static final String RETIREMENT_UNDER_WAY = "retirementUnderWay";

	public static final String RETIREMENT_NOT_STARTED = "retirementNotStarted";

	private RetireProcess() {
	}

	/** The BPMN error codes the model catches. */
	public static final class Errors {

		public static final String RETIREMENT_REFUSED = "retirementRefused";

		private Errors() {
		}

	}

}
