package io.github.serviceaccounts.provisioning;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Deactivate service account": the owner cancelled; the account is deactivated and
 * locked out.
 */
@Component
class DeactivateServiceAccountDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(DeactivateServiceAccountDelegate.class);

	private final ServiceAccounts accounts;

	DeactivateServiceAccountDelegate(ServiceAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		accounts.deactivate(AccountRef.of(execution));
		log.info("service account deactivated and locked out");
	}

}
