package io.github.serviceaccounts.request;

/** Element ids of {@code processes/serviceAccountRequest.bpmn} that tests and code refer to. */
final class Ids {

	static final String CHECK_REQUEST = "checkRequest";
	static final String REVISE_REQUEST = "reviseRequest";
	static final String REQUEST_WITHDRAWN = "requestWithdrawn";
	static final String APPROVE_SERVICE_ACCOUNT = "approveServiceAccount";
	static final String APPROVAL_REMINDER_DUE = "approvalReminderDue";
	static final String APPROVAL_ESCALATION_DUE = "approvalEscalationDue";
	static final String REMIND_APPROVER = "remindApprover";
	static final String APPROVER_REMINDED = "approverReminded";
	static final String ESCALATE_APPROVAL = "escalateApproval";
	static final String NOTIFY_REQUEST_REJECTED = "notifyRequestRejected";
	static final String REQUEST_REJECTED = "requestRejected";
	static final String CREATE_SERVICE_ACCOUNT = "createServiceAccount";
	static final String ACCOUNT_NAME_TAKEN = "accountNameTaken";
	static final String ADD_ACCOUNT_TO_GROUPS = "addAccountToGroups";
	static final String HAND_OVER_CREDENTIALS = "handOverCredentials";
	static final String VALIDATE_SERVICE_ACCOUNT = "validateServiceAccount";
	static final String VALIDATION_REMINDER_DUE = "validationReminderDue";
	static final String VALIDATION_TIMED_OUT = "validationTimedOut";
	static final String REMIND_OWNER = "remindOwner";
	static final String OWNER_REMINDED = "ownerReminded";
	static final String ADD_REQUESTED_GROUPS = "addRequestedGroups";
	static final String NOTIFY_MORE_ACCESS_REFUSED = "notifyMoreAccessRefused";
	static final String DEACTIVATE_SERVICE_ACCOUNT = "deactivateServiceAccount";
	static final String NOTIFY_ACCOUNT_WITHDRAWN = "notifyAccountWithdrawn";
	static final String SERVICE_ACCOUNT_WITHDRAWN = "serviceAccountWithdrawn";
	static final String REMOVE_GUI_ACCESS = "removeGuiAccess";
	static final String NOTIFY_ACCOUNT_LIVE = "notifyAccountLive";
	static final String SERVICE_ACCOUNT_PROVISIONED = "serviceAccountProvisioned";

	private Ids() {
	}
}
