package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks a revised request before it goes back to "Check request": either a withdrawal,
 * or fields that obey the start form's rules. Sets the business key again, since the name
 * may have changed.
 */
@Component
class RevisionInputListener implements TaskListener {

	private final RequestRules rules;

	private final OpenRequests openRequests;

	RevisionInputListener(RequestRules rules, OpenRequests openRequests) {
		this.rules = rules;
		this.openRequests = openRequests;
	}

	@Override
	public void notify(DelegateTask task) {
		try {
			check(task);
		}
		catch (InvalidRequestException ex) {
			// The fields are named as this step's form labels them.
			throw ex.onForm(FormLabels.formOf(task));
		}
	}

	private void check(DelegateTask task) {
		Object withdraw = task.getVariable(WITHDRAW.name());
		if (withdraw == null || "".equals(withdraw)) {
			WITHDRAW.set(task, false);
		}
		else if (!(withdraw instanceof Boolean)) {
			throw new InvalidRequestException(List.of(new Violation(WITHDRAW.name(), "must be true or false")));
		}
		if (WITHDRAW.get(task)) {
			return;
		}
		ServiceAccountRequest request = rules.validate(task.getVariables());
		RequestStartListener.refuseIfAskedForAlready(openRequests, request, task.getProcessInstanceId());
		BusinessKey.follow(task.getExecution(), request);
	}

}
