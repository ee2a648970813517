package io.github.serviceaccounts.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Unlock account" (a locked review was answered) and "Re-enable account" (the owner
 * objected to the retirement): locked_out=false, read back.
 */
@Component
class UnlockAccountDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(UnlockAccountDelegate.class);

	private final GovernedAccounts accounts;

	UnlockAccountDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		accounts.unlock(LifecycleRef.of(execution));
		LifecycleVariables.LOCKED_BY_LIFECYCLE.set(execution, false);
		if (LifecycleProcess.REENABLE_ACCOUNT.equals(execution.getCurrentActivityId())) {
			// the owner objected: the retirement is over, and a later one starts afresh
			LifecycleVariables.RETIREMENT_REQUESTED_BY.set(execution, null);
			LifecycleVariables.RETIREMENT_REASON.set(execution, null);
			log.info("account enabled again: the owner objected to its retirement");
			return;
		}
		log.info("account unlocked");
	}

}
