package io.github.serviceaccounts.request;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The request's business key is the requested account's user name, so that Cockpit finds
 * a request by its account and {@link EngineOpenRequests} finds another open request for
 * the same name. Tasklist sends none when it starts through a Camunda Form, so the
 * process sets it itself, here only, and always from a request that passed
 * {@link RequestRules}: as the request starts, after a revision (the name may have
 * changed) and at "Check request" (which checks the name again before anything is
 * written).
 */
final class BusinessKey {

	private BusinessKey() {
	}

	static void follow(DelegateExecution execution, ServiceAccountRequest request) {
		execution.setProcessBusinessKey(request.accountUserName());
	}

}
