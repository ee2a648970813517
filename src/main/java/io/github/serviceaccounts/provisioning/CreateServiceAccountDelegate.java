package io.github.serviceaccounts.provisioning;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.RequestProcess;
import io.github.serviceaccounts.request.RequestRecords;
import io.github.serviceaccounts.servicenow.ServiceNowUser;

/**
 * "Create service account", owned by the requester; a name taken meanwhile goes back to
 * revision.
 */
@Component
class CreateServiceAccountDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(CreateServiceAccountDelegate.class);

	private final ServiceAccounts accounts;

	CreateServiceAccountDelegate(ServiceAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ServiceNowUser account;
		RequestRecords.requireApproval(execution);
		String requester = RequestRecords.requester(execution);
		try {
			account = accounts.create(ACCOUNT_USER_NAME.get(execution), DISPLAY_NAME.get(execution).strip(),
					ACCOUNT_EMAIL.find(execution).orElse(null), requester);
		}
		catch (AccountNameTakenException ex) {
			log.info("{}", ex.getMessage());
			throw new BpmnError(RequestProcess.Errors.ACCOUNT_NAME_TAKEN, ex.getMessage());
		}
		ACCOUNT_SYS_ID.set(execution, account.sysId());
		log.info("service account created in ServiceNow ({}), owner {}", account.sysId(), requester);
	}

}
