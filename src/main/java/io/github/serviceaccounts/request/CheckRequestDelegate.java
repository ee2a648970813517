package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Check request": refusals take the modelled path to "Revise request"; failures are
 * retried.
 */
@Component
class CheckRequestDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(CheckRequestDelegate.class);

	private final RequestCheck check;

	CheckRequestDelegate(RequestCheck check) {
		this.check = check;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CheckedRequest checked;
		try {
			// The requester is who the engine recorded as starting the request, not what
			// a variable says.
			checked = check.check(RequestRecords.requester(execution), execution.getVariables(),
					execution.getProcessInstanceId());
		}
		catch (RequestRefusedException ex) {
			log.info("request refused: {}", ex.getMessage());
			throw new BpmnError(RequestProcess.Errors.REQUEST_REFUSED, ex.getMessage());
		}
		BusinessKey.follow(execution, checked.request());
		REQUESTER_SYS_ID.set(execution, checked.requester().sysId());
		REQUESTER_NAME.set(execution, CheckedRequest.displayName(checked.requester()));
		REQUESTER_MANAGER.set(execution, checked.managerText());
		REQUESTED_ACCESS.set(execution, checked.groupsWithRoles());
		REQUESTER_EMAIL.set(execution, checked.requester().email());
		MANAGER_EMAIL.set(execution, checked.managerEmail());
		APPROVER_USER_ID.set(execution, checked.approver().userId());
		APPROVER_GROUP.set(execution, checked.approver().group());
		APPROVER_ROUTING.set(execution, checked.approver().reason());
		APPROVAL_SCOPE.set(execution, SCOPE_NEW_ACCOUNT);
		GRANTED_GROUPS.set(execution, GroupList.format(checked.request().additionalGroups()));
		REFUSAL_REASON.set(execution, null);
		log.info("request checked; approver: {} ({})", checked.approver().userId() != null ? checked.approver().userId()
				: "group " + checked.approver().group(), checked.approver().reason());
	}

}
