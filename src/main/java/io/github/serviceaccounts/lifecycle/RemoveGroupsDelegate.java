package io.github.serviceaccounts.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.GroupList;

/**
 * "Remove groups": the memberships the review named are deleted (never the default
 * group's) and read back.
 */
@Component
class RemoveGroupsDelegate implements JavaDelegate {

	private final GovernedAccounts accounts;

	RemoveGroupsDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		accounts.removeGroups(LifecycleRef.of(execution),
				GroupList.parse(LifecycleVariables.GROUPS_TO_REMOVE.get(execution)));
	}

}
