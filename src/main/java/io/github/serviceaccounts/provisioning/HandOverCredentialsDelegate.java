package io.github.serviceaccounts.provisioning;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.notification.RequestSummaries;

/** "Hand over credentials": see {@link CredentialsHandOver}. Writes no variable. */
@Component
class HandOverCredentialsDelegate implements JavaDelegate {

	private final CredentialsHandOver handOver;

	HandOverCredentialsDelegate(CredentialsHandOver handOver) {
		this.handOver = handOver;
	}

	@Override
	public void execute(DelegateExecution execution) {
		handOver.handOver(AccountRef.of(execution), RequestSummaries.of(execution));
	}

}
