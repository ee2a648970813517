package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;

/**
 * "Find the current owner": the account's manager as ServiceNow has it now. An active
 * person is asked to confirm; no manager, an inactive or gone one, or a service account
 * as manager sends the account to the fallback approvers.
 */
@Component
class FindCurrentOwnerDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(FindCurrentOwnerDelegate.class);

	private final GovernedAccounts accounts;

	FindCurrentOwnerDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		UserAndManager account = accounts.adoptable(ACCOUNT_SYS_ID.get(execution), ACCOUNT_USER_NAME.get(execution));
		ServiceNowUser owner = account.manager().filter(ServiceNowUser::active).filter(accounts::isPerson).orElse(null);
		CURRENT_OWNER.set(execution, owner == null ? null : UserIdMapping.camundaUserId(owner.userName()));
		CURRENT_OWNER_NAME.set(execution, owner == null ? null : LifecycleNames.displayName(owner));
		CURRENT_OWNER_EMAIL.set(execution, owner == null ? null : owner.email());
		if (owner == null) {
			NAMING_REFUSAL.set(execution,
					account.manager()
						.map(manager -> "Its manager in ServiceNow, " + manager.userName()
								+ (manager.active() ? ", is not a person who can own it." : ", is inactive."))
						.orElse("It has no manager in ServiceNow."));
		}
		log.info("current owner: {}", owner == null ? "none; the fallback approvers name one" : owner.userName());
	}

}
