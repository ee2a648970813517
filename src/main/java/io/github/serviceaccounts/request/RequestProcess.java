package io.github.serviceaccounts.request;

/**
 * The ids of {@code processes/serviceAccountRequest.bpmn}: the process, every task, event
 * and gateway, the sequence flows that code listens on, and the BPMN error codes. The
 * model is the product's public interface (Tasklist forms, a ServiceNow catalog item,
 * Cockpit and the metrics all use these names), so code and tests name its elements only
 * through this class. Each constant is its id in upper snake case;
 * {@code ProcessModelTests} holds this class and the model to each other both ways.
 */
public final class RequestProcess {

	public static final String PROCESS_ID = "serviceAccountRequest";

	// start, "Check request" and revision
	public static final String SERVICE_ACCOUNT_REQUESTED = "serviceAccountRequested";

	public static final String CHECK_NEEDED = "checkNeeded";

	public static final String CHECK_REQUEST = "checkRequest";

	public static final String REQUEST_REFUSED = "requestRefused";

	public static final String REVISION_NEEDED = "revisionNeeded";

	public static final String REVISE_REQUEST = "reviseRequest";

	public static final String WITHDRAW_REQUESTED = "withdrawRequested";

	public static final String REQUEST_WITHDRAWN = "requestWithdrawn";

	// approval
	public static final String APPROVAL_NEEDED = "approvalNeeded";

	public static final String APPROVE_SERVICE_ACCOUNT = "approveServiceAccount";

	public static final String APPROVAL_REMINDER_DUE = "approvalReminderDue";

	public static final String REMIND_APPROVER = "remindApprover";

	public static final String APPROVER_REMINDED = "approverReminded";

	public static final String APPROVAL_ESCALATION_DUE = "approvalEscalationDue";

	public static final String ESCALATE_APPROVAL = "escalateApproval";

	public static final String APPROVAL_OUTCOME = "approvalOutcome";

	public static final String APPROVED_NEW_ACCOUNT = "approvedNewAccount";

	public static final String NOTIFY_REQUEST_REJECTED = "notifyRequestRejected";

	public static final String REQUEST_REJECTED = "requestRejected";

	// provisioning
	public static final String CREATE_SERVICE_ACCOUNT = "createServiceAccount";

	public static final String ACCOUNT_NAME_TAKEN = "accountNameTaken";

	public static final String ADD_ACCOUNT_TO_GROUPS = "addAccountToGroups";

	public static final String TO_HAND_OVER_CREDENTIALS = "toHandOverCredentials";

	public static final String HAND_OVER_CREDENTIALS = "handOverCredentials";

	// validation by the owner
	public static final String VALIDATION_NEEDED = "validationNeeded";

	public static final String VALIDATE_SERVICE_ACCOUNT = "validateServiceAccount";

	public static final String VALIDATION_REMINDER_DUE = "validationReminderDue";

	public static final String REMIND_OWNER = "remindOwner";

	public static final String OWNER_REMINDED = "ownerReminded";

	public static final String VALIDATION_TIMED_OUT = "validationTimedOut";

	public static final String VALIDATION_TIMED_OUT_TO_GUI_REMOVAL = "validationTimedOutToGuiRemoval";

	public static final String VALIDATION_OUTCOME = "validationOutcome";

	public static final String NEED_MORE_ACCESS = "needMoreAccess";

	public static final String READ_EVIDENCE_AGAIN = "readEvidenceAgain";

	public static final String READ_VALIDATION_EVIDENCE = "readValidationEvidence";

	public static final String ADD_REQUESTED_GROUPS = "addRequestedGroups";

	public static final String NOTIFY_MORE_ACCESS_REFUSED = "notifyMoreAccessRefused";

	public static final String DEACTIVATE_SERVICE_ACCOUNT = "deactivateServiceAccount";

	public static final String NOTIFY_ACCOUNT_WITHDRAWN = "notifyAccountWithdrawn";

	public static final String SERVICE_ACCOUNT_WITHDRAWN = "serviceAccountWithdrawn";

	// web services only
	public static final String GUI_REMOVAL_NEEDED = "guiRemovalNeeded";

	public static final String REMOVE_GUI_ACCESS = "removeGuiAccess";

	public static final String NOTIFY_ACCOUNT_LIVE = "notifyAccountLive";

	public static final String GOVERN_ACCOUNT = "governAccount";

	public static final String SERVICE_ACCOUNT_PROVISIONED = "serviceAccountProvisioned";

	private RequestProcess() {
	}

	/**
	 * The codes of the model's BPMN errors, which the delegates throw to take a modelled
	 * path.
	 */
	public static final class Errors {

		public static final String REQUEST_REFUSED = "requestRefused";

		public static final String ACCOUNT_NAME_TAKEN = "accountNameTaken";

		private Errors() {
		}

	}

}
