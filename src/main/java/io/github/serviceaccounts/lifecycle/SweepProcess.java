package io.github.serviceaccounts.lifecycle;

/**
 * The ids of {@code processes/serviceAccountSweep.bpmn}, the daily sweep of governed
 * accounts, and the incident type it raises. {@code SweepModelTests} holds the two to
 * each other both ways.
 */
public final class SweepProcess {

	public static final String PROCESS_ID = "serviceAccountSweep";

	public static final String SWEEP_DUE = "sweepDue";

	public static final String SWEEP_GOVERNED_ACCOUNTS = "sweepGovernedAccounts";

	public static final String GOVERNED_ACCOUNTS_SWEPT = "governedAccountsSwept";

	private SweepProcess() {
	}

	/** The custom incident types the sweep raises on lifecycle instances. */
	public static final class Incidents {

		/**
		 * The governed account is gone from ServiceNow or inactive there, and its
		 * lifecycle did not do it. Resolved by the sweep when the account is found again.
		 */
		public static final String ACCOUNT_MISSING = "serviceAccountMissing";

		private Incidents() {
		}

	}

}
