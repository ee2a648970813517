package io.github.serviceaccounts.request;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs as the request starts: refuses invalid input before anything is stored (the whole
 * start rolls back, and the caller sees which field broke which rule) and sets the
 * business key, which Tasklist does not send when it starts through a Camunda Form.
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
		try {
			check(execution);
		}
		catch (InvalidRequestException ex) {
			// The fields are named as the start form labels them.
			throw ex.onForm(FormLabels.formOf(execution));
		}
	}

	private void check(DelegateExecution execution) {
		// The requester is whoever is logged in (camunda:initiator); a start that names
		// somebody
		// else would let anyone request in another's name and approve it as their
		// manager.
		Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		String requester = RequestVariables.REQUESTER.find(execution).orElse(null);
		if (current != null && current.getUserId() != null && !current.getUserId().equals(requester)) {
			throw new InvalidRequestException(List.of(Violation.of("The requester is the logged-in user ("
					+ current.getUserId() + "); a request cannot name anybody else")));
		}
		ServiceAccountRequest request = rules.validate(execution.getVariables());
		BusinessKey.follow(execution, request);
		log.info("[{}] service account requested by {}", request.accountUserName(),
				RequestVariables.REQUESTER.find(execution).orElse("(nobody authenticated)"));
	}

}
