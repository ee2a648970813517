package io.github.serviceaccounts.lifecycle;

/**
 * The ids of {@code processes/serviceAccountLifecycle.bpmn}: the process, every task,
 * event and gateway, the sequence flows that tests follow, the messages the sweep and the
 * retirement send, and the BPMN error codes. Code and tests name the model's elements
 * only through this class; {@code LifecycleModelTests} holds the two to each other both
 * ways.
 */
public final class LifecycleProcess {

	public static final String PROCESS_ID = "serviceAccountLifecycle";

	public static final String SERVICE_ACCOUNT_GOVERNED = "serviceAccountGoverned";

	public static final String GOVERNED = "governed";

	public static final String AWAIT_LIFECYCLE_EVENT = "awaitLifecycleEvent";

	public static final String RETIREMENT_REQUESTED = "retirementRequested";

	public static final String REVIEW_DUE = "reviewDue";

	public static final String ACCOUNT_UNUSED = "accountUnused";

	public static final String OWNER_LEFT = "ownerLeft";

	public static final String REVIEW_NEEDED = "reviewNeeded";

	public static final String READ_REVIEW_EVIDENCE = "readReviewEvidence";

	public static final String REVIEW_SERVICE_ACCOUNT = "reviewServiceAccount";

	public static final String REMIND_REVIEWER = "remindReviewer";

	public static final String REVIEWER_REMINDED = "reviewerReminded";

	public static final String ESCALATE_REVIEW = "escalateReview";

	public static final String REVIEW_HANDED_ON = "reviewHandedOn";

	public static final String LOCK_UNREVIEWED_ACCOUNT = "lockUnreviewedAccount";

	public static final String UNREVIEWED_ACCOUNT_LOCKED = "unreviewedAccountLocked";

	public static final String ACCOUNT_LOCKED_FOR_REVIEW = "accountLockedForReview";

	public static final String UNLOCK_REVIEWED_ACCOUNT = "unlockReviewedAccount";

	public static final String REVIEW_OUTCOME_NEEDED = "reviewOutcomeNeeded";

	public static final String REVIEW_OUTCOME = "reviewOutcome";

	public static final String REMOVE_GROUPS = "removeGroups";

	public static final String RETIREMENT_NEEDED = "retirementNeeded";

	public static final String DISABLE_ACCOUNT = "disableAccount";

	public static final String NOTIFY_RETIREMENT_STARTED = "notifyRetirementStarted";

	public static final String OBJECT_TO_RETIREMENT = "objectToRetirement";

	public static final String RETIRE_ACCOUNT = "retireAccount";

	public static final String NOTIFY_ACCOUNT_RETIRED = "notifyAccountRetired";

	public static final String SERVICE_ACCOUNT_RETIRED = "serviceAccountRetired";

	public static final String REENABLE_ACCOUNT = "reenableAccount";

	public static final String FIND_OWNER_SUCCESSOR = "findOwnerSuccessor";

	public static final String OWNER_GONE = "ownerGone";

	public static final String HAND_OVER = "handOver";

	public static final String HAND_OVER_STARTED = "handOverStarted";

	public static final String NAMING_NEEDED = "namingNeeded";

	public static final String NAME_NEW_OWNER = "nameNewOwner";

	public static final String CHECK_NEW_OWNER = "checkNewOwner";

	public static final String NEW_OWNER_REFUSED = "newOwnerRefused";

	public static final String ACCEPT_OWNERSHIP = "acceptOwnership";

	public static final String ACCEPTANCE_OUTCOME = "acceptanceOutcome";

	public static final String TRANSFER_OWNERSHIP = "transferOwnership";

	public static final String NEW_OWNER_ACCEPTED = "newOwnerAccepted";

	public static final String ESCALATE_NAMING = "escalateNaming";

	public static final String NAMING_HANDED_ON = "namingHandedOn";

	public static final String LOCK_OWNERLESS_ACCOUNT = "lockOwnerlessAccount";

	public static final String OWNERLESS_ACCOUNT_LOCKED = "ownerlessAccountLocked";

	public static final String NOTIFY_OWNERSHIP_TRANSFERRED = "notifyOwnershipTransferred";

	public static final String REVIEW_REMINDER_DUE = "reviewReminderDue";

	public static final String REVIEW_ESCALATION_DUE = "reviewEscalationDue";

	public static final String REVIEW_LOCK_DUE = "reviewLockDue";

	public static final String RETIREMENT_GRACE_OVER = "retirementGraceOver";

	public static final String NAMING_ESCALATION_DUE = "namingEscalationDue";

	public static final String OWNERLESS_LOCK_DUE = "ownerlessLockDue";

	public static final String OWNERSHIP_DECLINED = "ownershipDeclined";

	public static final String OWNERSHIP_ACCEPTED_YES = "ownershipAcceptedYes";

	public static final String REVIEW_KEEP = "reviewKeep";

	public static final String REVIEW_REMOVE_GROUPS = "reviewRemoveGroups";

	public static final String REVIEW_RETIRE = "reviewRetire";

	public static final String OWNER_STILL_HERE = "ownerStillHere";

	public static final String OBJECTED = "objected";

	public static final String LOCKED_FOR_REVIEW_YES = "lockedForReviewYes";

	public static final String LOCKED_FOR_REVIEW_NO = "lockedForReviewNo";

	public static final String REFUSED_TO_NAMING = "refusedToNaming";

	public static final String HAND_OVER_YES = "handOverYes";

	private LifecycleProcess() {
	}

	/** The message names (not ids) the model waits for. */
	public static final class Messages {

		/** The daily sweep found the account's owner inactive or gone in ServiceNow. */
		public static final String OWNER_LEFT = "serviceAccountOwnerLeft";

		/**
		 * The daily sweep found the account unused for longer than the dormancy limit.
		 */
		public static final String ACCOUNT_UNUSED = "serviceAccountUnused";

		/** "Retire service account" was started for the account. */
		public static final String RETIREMENT_REQUESTED = "serviceAccountRetirementRequested";

		private Messages() {
		}

	}

	/** The BPMN error codes the model catches. */
	public static final class Errors {

		public static final String NEW_OWNER_REFUSED = "newOwnerRefused";

		private Errors() {
		}

	}

}
