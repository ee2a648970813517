package io.github.serviceaccounts.provisioning;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import io.github.serviceaccounts.request.RequestRecords;
import io.github.serviceaccounts.request.RequestVariables;

/**
 * Which account a step may change, and for whom: the sys_id and name the request holds,
 * and the owner the engine recorded as the request's starter (never a variable).
 * ServiceNow's answer to the re-read before each write must agree with all three, or
 * nothing is written ({@link ServiceAccounts#verify}).
 *
 * @param owner the Camunda user id of the requester
 */
record AccountRef(String sysId, String userName, String owner) {

	static AccountRef of(DelegateExecution execution) {
		return new AccountRef(RequestVariables.ACCOUNT_SYS_ID.get(execution),
				RequestVariables.ACCOUNT_USER_NAME.get(execution), RequestRecords.requester(execution));
	}
}
