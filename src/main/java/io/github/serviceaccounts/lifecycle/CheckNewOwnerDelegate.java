package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.servicenow.ServiceNowUser;

/**
 * "Check new owner": the named person must exist in ServiceNow, be active, be a person
 * (not a service account) and not be the owner who left. A refusal goes back to whoever
 * named them, with the reason; a person who passes is asked to accept.
 */
@Component
class CheckNewOwnerDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(CheckNewOwnerDelegate.class);

	private final GovernedAccounts accounts;

	CheckNewOwnerDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ServiceNowUser person;
		try {
			person = accounts.checkCandidate("New owner", NEW_OWNER.get(execution),
					LEAVER.find(execution).orElse(null));
		}
		catch (GovernedAccounts.OwnerRefusedException ex) {
			log.info("named owner refused: {}", ex.getMessage());
			throw new BpmnError(LifecycleProcess.Errors.NEW_OWNER_REFUSED, ex.getMessage());
		}
		PROPOSED_OWNER.set(execution, UserIdMapping.camundaUserId(person.userName()));
		PROPOSED_OWNER_NAME.set(execution, LifecycleNames.displayName(person));
		PROPOSED_OWNER_EMAIL.set(execution, person.email());
		NAMING_REFUSAL.set(execution, null);
		log.info("{} is asked to accept the ownership", person.userName());
	}

}
