package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.*;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks the approval form on the server: a yes/no decision, and a comment when
 * rejecting.
 */
@Component
class ApprovalInputListener implements TaskListener {

	private static final Logger log = LoggerFactory.getLogger(ApprovalInputListener.class);

	@Override
	public void notify(DelegateTask task) {
		List<Violation> violations = new ArrayList<>();
		Object approved = task.getVariable(APPROVED.name());
		if (!(approved instanceof Boolean)) {
			violations.add(new Violation(APPROVED.name(), "must be true (approve) or false (reject)"));
		}
		Object comment = task.getVariable(APPROVAL_COMMENT.name());
		if (comment != null && !(comment instanceof String)) {
			violations.add(new Violation(APPROVAL_COMMENT.name(), "must be text"));
		}
		else if (comment != null && ((String) comment).length() > 2000) {
			violations.add(new Violation(APPROVAL_COMMENT.name(), "must be at most 2000 characters long"));
		}
		else if (Boolean.FALSE.equals(approved) && (comment == null || ((String) comment).isBlank())) {
			violations.add(new Violation(APPROVAL_COMMENT.name(), "is required when you reject"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(FormLabels.formOf(task), violations);
		}
		log.info("{} {} by {}",
				SCOPE_MORE_ACCESS.equals(APPROVAL_SCOPE.find(task).orElse(null)) ? "more access" : "request",
				Boolean.TRUE.equals(approved) ? "approved" : "rejected", task.getAssignee());
	}

}
