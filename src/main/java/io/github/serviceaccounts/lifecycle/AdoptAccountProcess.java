package io.github.serviceaccounts.lifecycle;

/**
 * The ids of {@code processes/adoptServiceAccount.bpmn}: "Adopt service account", one
 * existing account: its current manager confirms, or the fallback approvers name an owner
 * who accepts; then its lifecycle starts.
 */
public final class AdoptAccountProcess {

	public static final String PROCESS_ID = "adoptServiceAccount";

	public static final String ADOPTION_STARTED = "adoptionStarted";

	public static final String FIND_CURRENT_OWNER = "findCurrentOwner";

	public static final String CURRENT_OWNER_FOUND = "currentOwnerFound";

	public static final String CONFIRM_OWNERSHIP = "confirmOwnership";

	public static final String CONFIRMATION_OUTCOME = "confirmationOutcome";

	public static final String GOVERN_ADOPTED_ACCOUNT = "governAdoptedAccount";

	public static final String ACCOUNT_ADOPTED = "accountAdopted";

	public static final String NAMING_NEEDED = "namingNeeded";

	public static final String NAME_NEW_OWNER = "nameNewOwner";

	public static final String CHECK_NEW_OWNER = "checkNewOwner";

	public static final String ACCEPT_OWNERSHIP = "acceptOwnership";

	public static final String ACCEPTANCE_OUTCOME = "acceptanceOutcome";

	public static final String RECORD_OWNER = "recordOwner";

	public static final String NEW_OWNER_REFUSED = "newOwnerRefused";

	private AdoptAccountProcess() {
	}

	/** The BPMN error codes the model catches. */
	public static final class Errors {

		public static final String NEW_OWNER_REFUSED = LifecycleProcess.Errors.NEW_OWNER_REFUSED;

		private Errors() {
		}

	}

}
