package io.github.serviceaccounts.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Retire account": after the grace period, active=false and every group but the default
 * one removed, all read back. The account is never deleted.
 */
@Component
class RetireAccountDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RetireAccountDelegate.class);

	private final GovernedAccounts accounts;

	RetireAccountDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		accounts.retire(LifecycleRef.of(execution));
		log.info("account retired");
	}

}
