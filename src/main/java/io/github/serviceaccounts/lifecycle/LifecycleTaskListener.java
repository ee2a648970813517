package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.notification.TaskMails;
import io.github.serviceaccounts.request.ServiceAccountsProperties;

/**
 * As a lifecycle task is created: who gets it, when it is due, its form starting empty
 * (Tasklist pre-fills a form with variables of the same name), and a mail to each person
 * it waits for. The assignee of a review, an acceptance or an objection is in the model
 * ({@code ${owner}}, {@code ${proposedOwner}}); a naming goes to the leaver's manager, or
 * to the fallback approvers once escalated or when there is no manager.
 */
@Component
class LifecycleTaskListener implements TaskListener {

	private static final Logger log = LoggerFactory.getLogger(LifecycleTaskListener.class);

	private final LifecycleProperties settings;

	private final String fallbackGroup;

	private final Clock clock;

	@Autowired
	LifecycleTaskListener(LifecycleProperties settings, ServiceAccountsProperties properties) {
		this(settings, properties, Clock.systemUTC());
	}

	LifecycleTaskListener(LifecycleProperties settings, ServiceAccountsProperties properties, Clock clock) {
		this.settings = settings;
		this.fallbackGroup = properties.fallbackApproverGroup();
		this.clock = clock;
	}

	@Override
	public void notify(DelegateTask task) {
		switch (task.getTaskDefinitionKey()) {
			case LifecycleProcess.REVIEW_SERVICE_ACCOUNT -> {
				REVIEW_OUTCOME.set(task, null);
				GROUPS_TO_REMOVE.set(task, null);
				REVIEW_COMMENT.set(task, null);
				task.setDueDate(due(settings.reviewReminder()));
				mail(task, OWNER_EMAIL.find(task).orElse(null));
			}
			case LifecycleProcess.NAME_NEW_OWNER -> {
				NEW_OWNER.set(task, null);
				NAMING_COMMENT.set(task, null);
				String namer = NAMING_ESCALATED.find(task).orElse(false) ? null : OWNER_NAMER.find(task).orElse(null);
				if (namer != null) {
					task.setAssignee(namer);
					mail(task, OWNER_NAMER_EMAIL.find(task).orElse(null));
				}
				else {
					task.addCandidateGroup(fallbackGroup);
					fallbackApprovers(task).forEach(address -> mail(task, address));
				}
				log.info("naming of a new owner given to {}", namer != null ? namer : "group " + fallbackGroup);
			}
			case LifecycleProcess.ACCEPT_OWNERSHIP -> {
				OWNERSHIP_ACCEPTED.set(task, null);
				DECLINE_REASON.set(task, null);
				mail(task, PROPOSED_OWNER_EMAIL.find(task).orElse(null));
			}
			case AdoptAccountProcess.CONFIRM_OWNERSHIP -> {
				OWNERSHIP_CONFIRMED.set(task, null);
				DECLINE_REASON.set(task, null);
				mail(task, CURRENT_OWNER_EMAIL.find(task).orElse(null));
			}
			case LifecycleProcess.OBJECT_TO_RETIREMENT -> {
				OBJECTION.set(task, null);
				task.setDueDate(due(settings.retirementGrace()));
				mail(task, OWNER_EMAIL.find(task).orElse(null));
			}
			default -> throw new IllegalStateException(
					"The lifecycle task listener does not know the task " + task.getTaskDefinitionKey());
		}
	}

	private Date due(Duration in) {
		return Date.from(clock.instant().plus(in));
	}

	private static void mail(DelegateTask task, String to) {
		TaskMails.taskWaiting(task, to);
	}

	private List<String> fallbackApprovers(DelegateTask task) {
		return task.getProcessEngineServices()
			.getIdentityService()
			.createUserQuery()
			.memberOfGroup(fallbackGroup)
			.list()
			.stream()
			.map(User::getEmail)
			.filter(email -> email != null && !email.isBlank())
			.distinct()
			.toList();
	}

}
