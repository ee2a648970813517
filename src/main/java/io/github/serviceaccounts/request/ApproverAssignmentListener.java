package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives a new approval task to the approver chosen by "Check request", or to the fallback
 * group, and sets its due date. Never to the requester: that case was routed to the group
 * already, and {@link SegregationOfDutiesListener} guards every later change.
 */
@Component
class ApproverAssignmentListener implements TaskListener {

	private static final Logger log = LoggerFactory.getLogger(ApproverAssignmentListener.class);

	private final ProcessTimers timers;

	private final String fallbackGroup;

	ApproverAssignmentListener(ProcessTimers timers, ServiceAccountsProperties properties) {
		this.timers = timers;
		this.fallbackGroup = properties.fallbackApproverGroup();
	}

	@Override
	public void notify(DelegateTask task) {
		String requester = REQUESTER.find(task).orElse(null);
		String approver = APPROVER_USER_ID.find(task).orElse(null);
		task.setDueDate(timers.approvalDueDate());
		// Tasklist pre-fills a form with the variables of the same name: start each round
		// empty.
		APPROVED.set(task, null);
		APPROVAL_COMMENT.set(task, null);
		if (approver != null && !UserIdMapping.samePerson(approver, requester)) {
			task.setAssignee(approver);
			log.info("approval assigned to {}", approver);
			return;
		}
		String group = APPROVER_GROUP.find(task).orElse(fallbackGroup);
		task.addCandidateGroup(group);
		log.info("approval offered to group {}", group);
	}

}
