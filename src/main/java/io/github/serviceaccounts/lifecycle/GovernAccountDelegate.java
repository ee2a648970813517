package io.github.serviceaccounts.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.RequestRecords;
import io.github.serviceaccounts.request.RequestVariables;

/**
 * The request's last step, "Govern the account": the live account gets its lifecycle,
 * owned by the person the engine recorded as the request's starter.
 */
@Component
class GovernAccountDelegate implements JavaDelegate {

	private final LifecycleStarter starter;

	GovernAccountDelegate(LifecycleStarter starter) {
		this.starter = starter;
	}

	@Override
	public void execute(DelegateExecution execution) {
		starter.govern(RequestVariables.ACCOUNT_USER_NAME.get(execution),
				RequestVariables.ACCOUNT_SYS_ID.get(execution), RequestRecords.requester(execution),
				LifecycleVariables.ORIGIN_REQUEST);
	}

}
