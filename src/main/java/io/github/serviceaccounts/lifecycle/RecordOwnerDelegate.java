package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.servicenow.ServiceNowUser;

/**
 * "Make them the account's manager": the person who accepted (as the engine recorded the
 * completion) becomes the adopted account's manager in ServiceNow, read back.
 */
@Component
class RecordOwnerDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RecordOwnerDelegate.class);

	private final GovernedAccounts accounts;

	RecordOwnerDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String accepted = LifecycleRecords.requireAcceptance(execution, AdoptAccountProcess.ACCEPT_OWNERSHIP,
				OWNERSHIP_ACCEPTED.name(), PROPOSED_OWNER.get(execution));
		ServiceNowUser owner = accounts.adopt(ACCOUNT_SYS_ID.get(execution), ACCOUNT_USER_NAME.get(execution),
				CURRENT_OWNER.find(execution).orElse(null), accepted);
		OWNER.set(execution, UserIdMapping.camundaUserId(owner.userName()));
		log.info("{} is the account's manager now", owner.userName());
	}

}
