package io.github.serviceaccounts.request;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * The requester never approves their own request, by any route: the engine refuses to
 * assign the approval to them (claim, delegate, set assignee) and refuses its completion
 * when they are the one logged in. A completion by someone who is neither the assignee
 * nor, for an unassigned task, a member of a candidate group is refused too.
 */
@Component
public class SegregationOfDutiesListener implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		String requester = RequestVariables.REQUESTER.find(task).orElse(null);
		if (UserIdMapping.samePerson(task.getAssignee(), requester)) {
			throw new SegregationOfDutiesException(FormLabels.formOf(task),
					"The requester " + requester + " cannot be given the approval of their own request.");
		}
		if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
			return;
		}
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (current == null || current.getUserId() == null) {
			return; // the engine itself (a test or an embedded call) completes it; no
					// person to check
		}
		String user = current.getUserId();
		if (UserIdMapping.samePerson(user, requester)) {
			throw new SegregationOfDutiesException(FormLabels.formOf(task),
					"You (" + user + ") requested this account, so you cannot approve it.");
		}
		if (task.getAssignee() != null ? !UserIdMapping.samePerson(user, task.getAssignee())
				: !isCandidate(task, current)) {
			throw new SegregationOfDutiesException(FormLabels.formOf(task), "Only the assigned approver or a "
					+ "candidate approver can approve this request, and " + user + " is neither.");
		}
	}

	private static boolean isCandidate(DelegateTask task, Authentication current) {
		List<String> groups = current.getGroupIds() == null ? List.of() : current.getGroupIds();
		for (IdentityLink link : task.getCandidates()) {
			if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
				continue;
			}
			if (UserIdMapping.samePerson(link.getUserId(), current.getUserId())
					|| (link.getGroupId() != null && groups.contains(link.getGroupId()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A refused assignment or completion; the engine rolls the whole call back. Not
	 * allowed for this person, so the REST API answers 403, as for any missing
	 * permission.
	 */
	public static class SegregationOfDutiesException extends AuthorizationException implements Refusal {

		private final String form;

		public SegregationOfDutiesException(String form, String message) {
			super(message);
			this.form = form;
		}

		@Override
		public String form() {
			return form;
		}

	}

}
