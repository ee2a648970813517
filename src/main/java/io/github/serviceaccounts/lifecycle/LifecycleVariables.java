package io.github.serviceaccounts.lifecycle;

import io.github.serviceaccounts.request.ProcessVariable;

/**
 * Every variable of {@link LifecycleProcess} and of "Retire service account", with its
 * type. Form field keys are the same names (see {@code forms/}). Who owns the account is
 * never taken from a form: {@link #OWNER} is written only by the steps (from the
 * request's start user, an adoption's confirmation or an accepted hand-over), and every
 * write to ServiceNow checks it against the account's {@code manager} first.
 */
public final class LifecycleVariables {

	// set when the lifecycle starts
	public static final ProcessVariable<String> ACCOUNT_USER_NAME = ProcessVariable.string("accountUserName");

	public static final ProcessVariable<String> ACCOUNT_SYS_ID = ProcessVariable.string("accountSysId");

	/** The Camunda user id (= ServiceNow user_name) of the account's owner. */
	public static final ProcessVariable<String> OWNER = ProcessVariable.string("owner");

	/** How the account came to be governed: {@code request} or {@code adoption}. */
	public static final ProcessVariable<String> ORIGIN = ProcessVariable.string("origin");

	/** When the lifecycle started (ISO-8601 instant). */
	public static final ProcessVariable<String> GOVERNED_SINCE = ProcessVariable.string("governedSince");

	/**
	 * The owner's name and address as ServiceNow had them at the last step that read
	 * them.
	 */
	public static final ProcessVariable<String> OWNER_NAME = ProcessVariable.string("ownerName");

	public static final ProcessVariable<String> OWNER_EMAIL = ProcessVariable.string("ownerEmail");

	/**
	 * True while the lifecycle holds the account locked (review or hand-over overdue).
	 */
	public static final ProcessVariable<Boolean> LOCKED_BY_LIFECYCLE = ProcessVariable.bool("lockedByLifecycle");

	/**
	 * When the owner last answered a review (ISO-8601 instant); missing until the first
	 * review. The daily sweep does not report an account unused within the dormancy limit
	 * after a review.
	 */
	public static final ProcessVariable<String> LAST_REVIEWED_AT = ProcessVariable.string("lastReviewedAt");

	// review
	/** {@code periodic} or {@code unused}. */
	public static final ProcessVariable<String> REVIEW_REASON = ProcessVariable.string("reviewReason");

	public static final ProcessVariable<String> ACCOUNT_LAST_LOGIN_TIME = ProcessVariable
		.string("accountLastLoginTime");

	public static final ProcessVariable<String> ACCOUNT_ROLES = ProcessVariable.string("accountRoles");

	/** Every group the account is in, as ServiceNow had it when the review began. */
	public static final ProcessVariable<String> ACCOUNT_GROUPS = ProcessVariable.string("accountGroups");

	/** The groups the review may remove: all but the default group. */
	public static final ProcessVariable<String> REMOVABLE_GROUPS = ProcessVariable.string("removableGroups");

	/** Web service access only, identity type, active, locked: one line. */
	public static final ProcessVariable<String> ACCOUNT_ACCESS = ProcessVariable.string("accountAccess");

	public static final ProcessVariable<String> REVIEW_FINDINGS = ProcessVariable.string("reviewFindings");

	/** The owner's manager's user id, read when the review began, for the escalation. */
	public static final ProcessVariable<String> OWNER_MANAGER = ProcessVariable.string("ownerManager");

	public static final ProcessVariable<String> OWNER_MANAGER_EMAIL = ProcessVariable.string("ownerManagerEmail");

	public static final ProcessVariable<Boolean> REVIEW_ESCALATED = ProcessVariable.bool("reviewEscalated");

	// "reviewServiceAccount"
	/** {@code keep}, {@code removeGroups} or {@code retire}. */
	public static final ProcessVariable<String> REVIEW_OUTCOME = ProcessVariable.string("reviewOutcome");

	public static final ProcessVariable<String> GROUPS_TO_REMOVE = ProcessVariable.string("groupsToRemove");

	public static final ProcessVariable<String> REVIEW_COMMENT = ProcessVariable.string("reviewComment");

	// hand-over
	/** The owner who left (user id), set when the hand-over starts. */
	public static final ProcessVariable<String> LEAVER = ProcessVariable.string("leaver");

	/** Whether the owner is really gone, as "Find who names the new owner" read it. */
	public static final ProcessVariable<Boolean> HAND_OVER_NEEDED = ProcessVariable.bool("handOverNeeded");

	/**
	 * The leaver's manager (user id), who names the new owner; empty: the fallback group.
	 */
	public static final ProcessVariable<String> OWNER_NAMER = ProcessVariable.string("ownerNamer");

	public static final ProcessVariable<String> OWNER_NAMER_EMAIL = ProcessVariable.string("ownerNamerEmail");

	public static final ProcessVariable<Boolean> NAMING_ESCALATED = ProcessVariable.bool("namingEscalated");

	/** Why the last naming did not stand (refused by "Check new owner", or declined). */
	public static final ProcessVariable<String> NAMING_REFUSAL = ProcessVariable.string("namingRefusal");

	// "nameNewOwner"
	public static final ProcessVariable<String> NEW_OWNER = ProcessVariable.string("newOwner");

	public static final ProcessVariable<String> NAMING_COMMENT = ProcessVariable.string("namingComment");

	/** The person "Check new owner" accepted as a candidate; the acceptance is theirs. */
	public static final ProcessVariable<String> PROPOSED_OWNER = ProcessVariable.string("proposedOwner");

	public static final ProcessVariable<String> PROPOSED_OWNER_NAME = ProcessVariable.string("proposedOwnerName");

	public static final ProcessVariable<String> PROPOSED_OWNER_EMAIL = ProcessVariable.string("proposedOwnerEmail");

	/** Who named the proposed owner (user id), as the engine recorded the completion. */
	public static final ProcessVariable<String> NAMED_BY = ProcessVariable.string("namedBy");

	// "acceptOwnership"
	public static final ProcessVariable<Boolean> OWNERSHIP_ACCEPTED = ProcessVariable.bool("ownershipAccepted");

	public static final ProcessVariable<String> DECLINE_REASON = ProcessVariable.string("declineReason");

	// retirement
	public static final ProcessVariable<String> RETIREMENT_REQUESTED_BY = ProcessVariable
		.string("retirementRequestedBy");

	public static final ProcessVariable<String> RETIREMENT_REASON = ProcessVariable.string("retirementReason");

	// "objectToRetirement"
	public static final ProcessVariable<String> OBJECTION = ProcessVariable.string("objection");

	// "Retire service account" when the lifecycle could not take the request
	public static final ProcessVariable<String> REFUSAL_REASON = ProcessVariable.string("refusalReason");

	// adoption: the run ("Adopt existing service accounts")
	public static final ProcessVariable<String> ADOPTION_STARTED_BY = ProcessVariable.string("adoptionStartedBy");

	public static final ProcessVariable<String> ADOPTION_NOTE = ProcessVariable.string("adoptionNote");

	/**
	 * Which stream the run reads now: {@code group} members, then {@code machine}
	 * identities.
	 */
	public static final ProcessVariable<String> ADOPTION_SOURCE = ProcessVariable.string("adoptionSource");

	public static final ProcessVariable<Long> ADOPTION_OFFSET = ProcessVariable.number("adoptionOffset");

	public static final ProcessVariable<Boolean> MORE_TO_READ = ProcessVariable.bool("moreToRead");

	public static final ProcessVariable<Long> ACCOUNTS_READ = ProcessVariable.number("accountsRead");

	public static final ProcessVariable<Long> ADOPTION_COUNT = ProcessVariable.number("adoptionCount");

	// adoption: one account ("Adopt service account")
	/** The account's manager as ServiceNow had it, when an active person; else empty. */
	public static final ProcessVariable<String> CURRENT_OWNER = ProcessVariable.string("currentOwner");

	public static final ProcessVariable<String> CURRENT_OWNER_NAME = ProcessVariable.string("currentOwnerName");

	public static final ProcessVariable<String> CURRENT_OWNER_EMAIL = ProcessVariable.string("currentOwnerEmail");

	// "confirmOwnership"
	public static final ProcessVariable<Boolean> OWNERSHIP_CONFIRMED = ProcessVariable.bool("ownershipConfirmed");

	public static final String SOURCE_GROUP = "group";

	public static final String SOURCE_MACHINE = "machine";

	public static final String ORIGIN_REQUEST = "request";

	public static final String ORIGIN_ADOPTION = "adoption";

	public static final String REVIEW_PERIODIC = "periodic";

	public static final String REVIEW_UNUSED = "unused";

	public static final String OUTCOME_KEEP = "keep";

	public static final String OUTCOME_REMOVE_GROUPS = "removeGroups";

	public static final String OUTCOME_RETIRE = "retire";

	private LifecycleVariables() {
	}

}
