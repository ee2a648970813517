package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.FormLabels;
import io.github.serviceaccounts.request.SegregationOfDutiesListener.SegregationOfDutiesException;
import io.github.serviceaccounts.request.UserIdMapping;

/**
 * Who may act on an account's life, enforced by the engine on every route (claim,
 * delegate, set assignee, complete; REST, Tasklist or Java):
 * <ul>
 * <li>only the named person accepts an ownership, and only the owner objects to a
 * retirement: nobody does either on someone else's behalf, administrators included;</li>
 * <li>a review goes to the owner, and once escalated also to the owner's manager (or the
 * fallback approvers);</li>
 * <li>the owner who left never names their own successor;</li>
 * <li>otherwise a task is completed by its assignee or, unassigned, by a candidate.</li>
 * </ul>
 * A refusal is a 403, as for a missing permission.
 */
@Component
class LifecycleDutiesListener implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		String key = task.getTaskDefinitionKey();
		if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
			checkAssignee(task, key, task.getAssignee());
			return;
		}
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (current == null || current.getUserId() == null) {
			return; // the engine itself completes it (a test, an embedded call)
		}
		String user = current.getUserId();
		boolean personal = LifecycleProcess.ACCEPT_OWNERSHIP.equals(key)
				|| LifecycleProcess.OBJECT_TO_RETIREMENT.equals(key)
				|| AdoptAccountProcess.CONFIRM_OWNERSHIP.equals(key);
		if (personal) {
			if (!UserIdMapping.samePerson(user, task.getAssignee())) {
				throw refused(task, "Only " + task.getAssignee() + " can " + what(key) + "; " + user
						+ " cannot do it on their behalf.");
			}
			return;
		}
		if (!UserIdMapping.samePerson(user, task.getAssignee()) && !isCandidate(task, current)) {
			throw refused(task, "Only the person this task is given to, or a candidate for it, can complete it, and "
					+ user + " is neither.");
		}
	}

	private static void checkAssignee(DelegateTask task, String key, String assignee) {
		if (assignee == null) {
			return;
		}
		switch (key) {
			case LifecycleProcess.ACCEPT_OWNERSHIP -> {
				String proposed = PROPOSED_OWNER.find(task).orElse(null);
				if (!UserIdMapping.samePerson(assignee, proposed)) {
					throw refused(task,
							"Only " + proposed + ", who was named, can accept the ownership of "
									+ ACCOUNT_USER_NAME.find(task).orElse("this account") + "; it cannot be given to "
									+ assignee + ".");
				}
			}
			case AdoptAccountProcess.CONFIRM_OWNERSHIP -> {
				String current = CURRENT_OWNER.find(task).orElse(null);
				if (!UserIdMapping.samePerson(assignee, current)) {
					throw refused(task,
							"Only " + current + ", the account's manager in ServiceNow, can confirm owning "
									+ ACCOUNT_USER_NAME.find(task).orElse("this account") + "; it cannot be given to "
									+ assignee + ".");
				}
			}
			case LifecycleProcess.OBJECT_TO_RETIREMENT -> {
				String owner = OWNER.find(task).orElse(null);
				if (!UserIdMapping.samePerson(assignee, owner)) {
					throw refused(task, "Only the owner " + owner
							+ " can object to the retirement; it cannot be given to " + assignee + ".");
				}
			}
			case LifecycleProcess.REVIEW_SERVICE_ACCOUNT -> {
				String owner = OWNER.find(task).orElse(null);
				String manager = REVIEW_ESCALATED.find(task).orElse(false) ? OWNER_MANAGER.find(task).orElse(null)
						: null;
				if (!UserIdMapping.samePerson(assignee, owner) && !UserIdMapping.samePerson(assignee, manager)
						&& !claimedByCandidate(task, assignee)) {
					throw refused(task,
							"The review goes to the owner " + owner
									+ (manager != null ? " or their manager " + manager : "")
									+ "; it cannot be given to " + assignee + ".");
				}
			}
			case LifecycleProcess.NAME_NEW_OWNER -> {
				String leaver = LEAVER.find(task).orElse(null);
				if (UserIdMapping.samePerson(assignee, leaver)) {
					throw refused(task, "The owner who left (" + leaver + ") cannot name their successor.");
				}
			}
			default -> {
			}
		}
	}

	/** A candidate (after an escalation) takes the task themselves. */
	private static boolean claimedByCandidate(DelegateTask task, String assignee) {
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return current != null && UserIdMapping.samePerson(current.getUserId(), assignee) && isCandidate(task, current);
	}

	private static String what(String key) {
		return switch (key) {
			case LifecycleProcess.ACCEPT_OWNERSHIP -> "accept this ownership";
			case AdoptAccountProcess.CONFIRM_OWNERSHIP -> "confirm this ownership";
			default -> "object to this retirement";
		};
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

	private static SegregationOfDutiesException refused(DelegateTask task, String message) {
		return new SegregationOfDutiesException(FormLabels.formOf(task), message);
	}

}
