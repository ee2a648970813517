package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;

/**
 * "Hand review to owner's manager": the owner's manager, as ServiceNow has them now, may
 * answer the review too (a candidate beside the owner). Without an active manager, the
 * fallback approvers may.
 */
@Component
class EscalateReviewDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(EscalateReviewDelegate.class);

	private final GovernedAccounts accounts;

	private final LifecycleNotices notices;

	private final TaskService tasks;

	EscalateReviewDelegate(GovernedAccounts accounts, LifecycleNotices notices, TaskService tasks) {
		this.accounts = accounts;
		this.notices = notices;
		this.tasks = tasks;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var review = notices.openTask(execution, LifecycleProcess.REVIEW_SERVICE_ACCOUNT);
		if (review.isEmpty()) {
			return;
		}
		ServiceNowUser manager = accounts.person(OWNER.get(execution))
			.flatMap(UserAndManager::manager)
			.filter(ServiceNowUser::active)
			.filter(accounts::isPerson)
			.orElse(null);
		REVIEW_ESCALATED.set(execution, true);
		List<String> to;
		if (manager != null) {
			String managerId = UserIdMapping.camundaUserId(manager.userName());
			OWNER_MANAGER.set(execution, managerId);
			OWNER_MANAGER_EMAIL.set(execution, manager.email());
			tasks.addCandidateUser(review.get().getId(), managerId);
			to = manager.email() == null ? List.of() : List.of(manager.email());
			log.info("review handed to the owner's manager {}", managerId);
		}
		else {
			OWNER_MANAGER.set(execution, null);
			tasks.addCandidateGroup(review.get().getId(), notices.fallbackGroup());
			to = notices.fallbackApprovers();
			log.info("review handed to the fallback approvers: the owner has no active manager in ServiceNow");
		}
		boolean sent = notices.send(to, execution, "please answer its review",
				List.of(OWNER_NAME.find(execution).orElse(OWNER.get(execution))
						+ " has not answered the review of this service account for two weeks. You may answer it: keep "
						+ "the account, remove groups it no longer needs, or retire it. Without an answer the account "
						+ "is locked until it is reviewed."),
				notices.link(review.get()));
		if (!sent) {
			log.info("review escalation mail not sent: {} no e-mail address; the task waits in Tasklist",
					manager != null ? "the manager has" : "no fallback approver has");
		}
	}

}
