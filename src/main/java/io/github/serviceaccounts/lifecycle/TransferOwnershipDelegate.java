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
 * "Transfer ownership": the person who accepted (as the engine recorded the completion,
 * not as a variable says) becomes the account's manager in ServiceNow, read back; an
 * account the hand-over locked is unlocked in the same write.
 */
@Component
class TransferOwnershipDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(TransferOwnershipDelegate.class);

	private final GovernedAccounts accounts;

	TransferOwnershipDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String newOwner = LifecycleRecords.requireAcceptance(execution, LifecycleProcess.ACCEPT_OWNERSHIP,
				OWNERSHIP_ACCEPTED.name(), PROPOSED_OWNER.get(execution));
		String leaver = LEAVER.get(execution);
		boolean unlock = LOCKED_BY_LIFECYCLE.find(execution).orElse(false);
		ServiceNowUser owner = accounts.transfer(LifecycleRef.of(execution), leaver, newOwner, unlock);
		OWNER.set(execution, UserIdMapping.camundaUserId(owner.userName()));
		OWNER_NAME.set(execution, LifecycleNames.displayName(owner));
		OWNER_EMAIL.set(execution, owner.email());
		LOCKED_BY_LIFECYCLE.set(execution, false);
		HAND_OVER_NEEDED.set(execution, false);
		log.info("ownership transferred from {} to {}{}", leaver, owner.userName(), unlock ? "; account unlocked" : "");
	}

}
