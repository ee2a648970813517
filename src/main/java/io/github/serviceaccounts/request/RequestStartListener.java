package io.github.serviceaccounts.request;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs as the request starts: refuses invalid input before anything is stored (the whole start
 * rolls back, and the caller sees which field broke which rule) and sets the business key, which
 * Tasklist does not send when it starts through a Camunda Form.
 */
@Component
class RequestStartListener implements ExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RequestStartListener.class);

	private final RequestRules rules;

	RequestStartListener(RequestRules rules) {
		this.rules = rules;
	}

	@Override
	public void notify(DelegateExecution execution) {
		ServiceAccountRequest request = rules.validate(execution.getVariables());
		execution.setProcessBusinessKey(request.accountUserName());
		log.info("[{}] service account requested by {}", request.accountUserName(),
				RequestVariables.REQUESTER.find(execution).orElse("(nobody authenticated)"));
	}
}
