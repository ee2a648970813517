package io.github.serviceaccounts.lifecycle;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Remind owner of the review": a mail with the link to the review, if it still waits.
 */
@Component
class RemindReviewerDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RemindReviewerDelegate.class);

	private final LifecycleNotices notices;

	RemindReviewerDelegate(LifecycleNotices notices) {
		this.notices = notices;
	}

	@Override
	public void execute(DelegateExecution execution) {
		notices.openTask(execution, LifecycleProcess.REVIEW_SERVICE_ACCOUNT).ifPresent(task -> {
			boolean sent = notices.send(LifecycleVariables.OWNER_EMAIL.find(execution).map(List::of).orElse(List.of()),
					execution, "the review waits for you",
					List.of("The review of this service account is still waiting for your answer. Without one, your "
							+ "manager is asked to answer it, and later the account is locked until it is reviewed."),
					notices.link(task));
			log.info("review reminder {}", sent ? "sent" : "not sent: the owner has no e-mail address in ServiceNow");
		});
	}

}
