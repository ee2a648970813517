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

	private final OpenRequests openRequests;

	RequestStartListener(RequestRules rules, OpenRequests openRequests) {
		this.rules = rules;
		this.openRequests = openRequests;
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
		refuseIfAskedForAlready(openRequests, request, execution.getProcessInstanceId());
		BusinessKey.follow(execution, request);
		log.info("[{}] service account requested by {}", request.accountUserName(),
				RequestVariables.REQUESTER.find(execution).orElse("(nobody authenticated)"));
	}

	/**
	 * A name that another open request already asks for is refused here, before anything
	 * is stored; it needs no ServiceNow call. (Whether ServiceNow already has the name is
	 * for "Check request" to find out.)
	 */
	static void refuseIfAskedForAlready(OpenRequests openRequests, ServiceAccountRequest request,
			String processInstanceId) {
		if (openRequests.existsOtherThan(request.accountUserName(), processInstanceId)) {
			throw new InvalidRequestException(List.of(new Violation(RequestVariables.ACCOUNT_USER_NAME.name(),
					"is already asked for by another open request ('" + request.accountUserName()
							+ "'); choose another name, or wait until that request ends")));
		}
	}

}
