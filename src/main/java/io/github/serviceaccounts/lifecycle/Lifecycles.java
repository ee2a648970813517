package io.github.serviceaccounts.lifecycle;

import java.util.List;
import java.util.Map;

/**
 * What the sweep needs of the engine: the governed accounts, and telling their
 * lifecycles. An interface so that the sweep's logic is tested without an engine.
 */
interface Lifecycles {

	/**
	 * Every running lifecycle, with its variables, in a few queries whatever their
	 * number.
	 */
	List<GovernedAccount> governed();

	/** Whether the lifecycle waits for the message now (holds its event subscription). */
	boolean waitingFor(GovernedAccount account, String messageName);

	/** Correlates the message to exactly this lifecycle. */
	void tell(GovernedAccount account, String messageName);

	/**
	 * Whether the lifecycle is deactivating the account itself (its last steps), so an
	 * inactive account is no surprise.
	 */
	boolean retiring(GovernedAccount account);

	/**
	 * Open {@link SweepProcess.Incidents#ACCOUNT_MISSING} incidents: lifecycle id to
	 * incident id.
	 */
	Map<String, String> openMissingIncidents();

	void raiseMissing(GovernedAccount account, String message);

	void resolveMissing(GovernedAccount account, String incidentId);

}
