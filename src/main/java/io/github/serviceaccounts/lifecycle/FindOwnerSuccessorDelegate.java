package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.UserIdMapping;

/**
 * "Find who names the new owner": reads the account and its owner in ServiceNow again
 * (the sweep's word is not taken for it). An owner who is active and still the account's
 * manager needs no successor. Otherwise the leaver's manager names one, or, without an
 * active manager, the fallback approvers do.
 */
@Component
class FindOwnerSuccessorDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(FindOwnerSuccessorDelegate.class);

	private final GovernedAccounts accounts;

	FindOwnerSuccessorDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		GovernedAccounts.Succession succession = accounts.succession(LifecycleRef.of(execution));
		HAND_OVER_NEEDED.set(execution, succession.ownerGone());
		if (!succession.ownerGone()) {
			log.info("the owner is active and still the account's manager; no hand-over");
			return;
		}
		LEAVER.set(execution, OWNER.get(execution));
		OWNER_NAMER.set(execution,
				succession.namer().map(namer -> UserIdMapping.camundaUserId(namer.userName())).orElse(null));
		OWNER_NAMER_EMAIL.set(execution, succession.namer().map(namer -> namer.email()).orElse(null));
		NAMING_ESCALATED.set(execution, false);
		NAMING_REFUSAL.set(execution, succession.note());
		log.info("hand-over needed ({}); the new owner is named by {}", succession.note(),
				succession.namer().map(namer -> namer.userName()).orElse("the fallback approvers"));
	}

}
