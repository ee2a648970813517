package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Taken with the flow {@link RequestProcess#NEED_MORE_ACCESS}: the approval that comes
 * next is for more access to the account the owner already has, so "Approved?" adds the
 * requested groups instead of creating an account, and the approval form shows the groups
 * asked for.
 */
@Component
class MoreAccessRequestedListener implements ExecutionListener {

	@Override
	public void notify(DelegateExecution execution) {
		APPROVAL_SCOPE.set(execution, SCOPE_MORE_ACCESS);
		// The next validation is a new round, with its own reminder and time-out.
		VALIDATION_STARTED_AT.set(execution, null);
	}

}
