package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Govern the account" at the end of an adoption: the owner is the current manager who
 * confirmed, or the named person who accepted and was made the manager (the engine's
 * record of the completion, not a form value).
 */
@Component
class GovernAdoptedAccountDelegate implements JavaDelegate {

	private final LifecycleStarter starter;

	GovernAdoptedAccountDelegate(LifecycleStarter starter) {
		this.starter = starter;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String owner = OWNER.find(execution)
			.orElseGet(() -> LifecycleRecords.requireAcceptance(execution, AdoptAccountProcess.CONFIRM_OWNERSHIP,
					OWNERSHIP_CONFIRMED.name(), CURRENT_OWNER.get(execution)));
		starter.govern(ACCOUNT_USER_NAME.get(execution), ACCOUNT_SYS_ID.get(execution), owner, ORIGIN_ADOPTION);
	}

}
