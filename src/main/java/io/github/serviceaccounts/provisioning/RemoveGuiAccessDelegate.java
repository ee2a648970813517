package io.github.serviceaccounts.provisioning;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Remove GUI access": web service access only (and identity type machine where the
 * instance has it), verified by reading it back.
 */
@Component
class RemoveGuiAccessDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RemoveGuiAccessDelegate.class);

	private final ServiceAccounts accounts;

	RemoveGuiAccessDelegate(ServiceAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		accounts.removeGuiAccess(AccountRef.of(execution));
		log.info("GUI access removed: web service access only");
	}

}
