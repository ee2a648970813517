package io.github.serviceaccounts.provisioning;

import static io.github.serviceaccounts.request.RequestVariables.ACCOUNT_LAST_LOGIN_TIME;
import static io.github.serviceaccounts.request.RequestVariables.ACCOUNT_ROLES;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Read roles and last login again": the owner asked to see what ServiceNow sees now,
 * typically after their first calls, so that "last login" shows them. Reads only.
 */
@Component
class ReadValidationEvidenceDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(ReadValidationEvidenceDelegate.class);

	private final ServiceAccounts accounts;

	ReadValidationEvidenceDelegate(ServiceAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ServiceAccounts.Evidence evidence = accounts.evidence(AccountRef.of(execution));
		ACCOUNT_ROLES.set(execution, String.join(", ", evidence.roles()));
		ACCOUNT_LAST_LOGIN_TIME.set(execution, evidence.lastLoginTime());
		log.info("evidence read again; last login: {}",
				evidence.lastLoginTime() == null ? "never" : evidence.lastLoginTime());
	}

}
