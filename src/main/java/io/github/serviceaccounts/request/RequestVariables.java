package io.github.serviceaccounts.request;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Every variable of the process {@link RequestProcess}, with its type. Form field keys
 * are the same names (see {@code forms/}).
 */
public final class RequestVariables {

	// started by, and the start form
	public static final ProcessVariable<String> REQUESTER = ProcessVariable.string("requester");

	public static final ProcessVariable<String> ACCOUNT_USER_NAME = ProcessVariable.string("accountUserName");

	public static final ProcessVariable<String> DISPLAY_NAME = ProcessVariable.string("displayName");

	public static final ProcessVariable<String> PURPOSE = ProcessVariable.string("purpose");

	public static final ProcessVariable<String> ACCOUNT_EMAIL = ProcessVariable.string("accountEmail");

	public static final ProcessVariable<String> ADDITIONAL_GROUPS = ProcessVariable.string("additionalGroups");

	// "Check request"
	public static final ProcessVariable<String> REFUSAL_REASON = ProcessVariable.string("refusalReason");

	public static final ProcessVariable<String> REQUESTER_SYS_ID = ProcessVariable.string("requesterSysId");

	public static final ProcessVariable<String> REQUESTER_NAME = ProcessVariable.string("requesterName");

	public static final ProcessVariable<String> REQUESTER_EMAIL = ProcessVariable.string("requesterEmail");

	/** "Beth Anglin (beth.anglin)": who the requester reports to, for the approver. */
	public static final ProcessVariable<String> REQUESTER_MANAGER = ProcessVariable.string("requesterManager");

	/** One line per group the account gets, with the roles it gives, for the approver. */
	public static final ProcessVariable<String> REQUESTED_ACCESS = ProcessVariable.string("requestedAccess");

	public static final ProcessVariable<String> MANAGER_EMAIL = ProcessVariable.string("managerEmail");

	public static final ProcessVariable<String> APPROVER_USER_ID = ProcessVariable.string("approverUserId");

	public static final ProcessVariable<String> APPROVER_GROUP = ProcessVariable.string("approverGroup");

	public static final ProcessVariable<String> APPROVER_ROUTING = ProcessVariable.string("approverRouting");

	public static final ProcessVariable<String> APPROVAL_SCOPE = ProcessVariable.string("approvalScope");

	public static final ProcessVariable<String> GRANTED_GROUPS = ProcessVariable.string("grantedGroups");

	// "reviseRequest"
	public static final ProcessVariable<Boolean> WITHDRAW = ProcessVariable.bool("withdraw");

	// "approveServiceAccount"
	public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.bool("approved");

	public static final ProcessVariable<String> APPROVAL_COMMENT = ProcessVariable.string("approvalComment");

	// provisioning
	public static final ProcessVariable<String> ACCOUNT_SYS_ID = ProcessVariable.string("accountSysId");

	public static final ProcessVariable<String> ACCOUNT_ROLES = ProcessVariable.string("accountRoles");

	public static final ProcessVariable<String> ACCOUNT_LAST_LOGIN_TIME = ProcessVariable
		.string("accountLastLoginTime");

	// "validateServiceAccount"
	public static final ProcessVariable<String> VALIDATION_OUTCOME = ProcessVariable.string("validationOutcome");

	public static final ProcessVariable<String> REQUESTED_GROUPS = ProcessVariable.string("requestedGroups");

	public static final ProcessVariable<String> VALIDATION_COMMENT = ProcessVariable.string("validationComment");

	/**
	 * When the owner was first asked to validate in this round (ISO-8601 instant): the
	 * validation's reminder and time-out count from it, however often the owner has the
	 * evidence read again. A round ends with an approval of more access.
	 */
	public static final ProcessVariable<String> VALIDATION_STARTED_AT = ProcessVariable.string("validationStartedAt");

	public static final ProcessVariable<Boolean> VALIDATION_TIMED_OUT = ProcessVariable.bool("validationTimedOut");

	/** Values of {@link #APPROVAL_SCOPE}. */
	public static final String SCOPE_NEW_ACCOUNT = "newAccount";

	public static final String SCOPE_MORE_ACCESS = "moreAccess";

	/** Values of {@link #VALIDATION_OUTCOME}. */
	public static final String CALLS_WORK = "callsWork";

	public static final String NEED_MORE_ACCESS = "needMoreAccess";

	public static final String CANCEL = "cancel";

	public static final String READ_EVIDENCE_AGAIN = "readEvidenceAgain";

	/**
	 * Set by "Hand approval to fallback approvers" for the approval it creates, and gone
	 * when that transaction ends: a transient variable, never stored.
	 */
	static final String JUST_ESCALATED = "approvalJustEscalated";

	/**
	 * Whether the approval being created was handed to the fallback approvers just now
	 * (rather than assigned by "Check request" or asked for again for more access).
	 */
	public static boolean escalated(VariableScope scope) {
		return Boolean.TRUE.equals(scope.getVariable(JUST_ESCALATED));
	}

	private RequestVariables() {
	}

}
