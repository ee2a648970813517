package io.github.serviceaccounts.lifecycle;

import java.time.Clock;
import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.FormLabels;
import io.github.serviceaccounts.request.SegregationOfDutiesListener.SegregationOfDutiesException;
import io.github.serviceaccounts.servicenow.QueryValues;

/**
 * A lifecycle starts when an account goes live or is adopted, from those processes' own
 * steps, never by a person (whatever their rights): it would make someone the owner of an
 * account with nobody having accepted it.
 */
@Component
class LifecycleStartListener implements ExecutionListener {

	private final Clock clock;

	LifecycleStartListener() {
		this(Clock.systemUTC());
	}

	LifecycleStartListener(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void notify(DelegateExecution execution) {
		Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (current != null && current.getUserId() != null) {
			throw new SegregationOfDutiesException(FormLabels.formOf(execution),
					"A service account's lifecycle starts when a request makes the account live or an adoption is "
							+ "confirmed; " + current.getUserId() + " cannot start one by hand.");
		}
		QueryValues.userName(LifecycleVariables.ACCOUNT_USER_NAME.name(),
				LifecycleVariables.ACCOUNT_USER_NAME.get(execution));
		QueryValues.sysId(LifecycleVariables.ACCOUNT_SYS_ID.name(), LifecycleVariables.ACCOUNT_SYS_ID.get(execution));
		QueryValues.userName(LifecycleVariables.OWNER.name(), LifecycleVariables.OWNER.get(execution));
		LifecycleVariables.GOVERNED_SINCE.set(execution, Instant.now(clock).toString());
		if (LifecycleVariables.LOCKED_BY_LIFECYCLE.find(execution).isEmpty()) {
			LifecycleVariables.LOCKED_BY_LIFECYCLE.set(execution, false);
		}
	}

}
