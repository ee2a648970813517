package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Taken with the flow {@link RequestProcess#VALIDATION_TIMED_OUT_TO_GUI_REMOVAL}: GUI
 * access goes because the owner never answered, and the mail that says the account is
 * live tells them so.
 */
@Component
class ValidationTimedOutListener implements ExecutionListener {

	@Override
	public void notify(DelegateExecution execution) {
		VALIDATION_TIMED_OUT.set(execution, true);
	}

}
