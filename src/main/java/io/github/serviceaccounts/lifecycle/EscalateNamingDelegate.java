package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Hand naming to fallback approvers": nobody has named a new owner in time, so the
 * fallback approvers name one, now and for every later naming in this hand-over.
 */
@Component
class EscalateNamingDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(EscalateNamingDelegate.class);

	private final LifecycleNotices notices;

	private final TaskService tasks;

	EscalateNamingDelegate(LifecycleNotices notices, TaskService tasks) {
		this.notices = notices;
		this.tasks = tasks;
	}

	@Override
	public void execute(DelegateExecution execution) {
		NAMING_ESCALATED.set(execution, true);
		var naming = notices.openTask(execution, LifecycleProcess.NAME_NEW_OWNER);
		if (naming.isEmpty()) {
			log.info("no naming open now; the next one goes to the fallback approvers");
			return;
		}
		if (naming.get().getAssignee() != null) {
			tasks.setAssignee(naming.get().getId(), null);
		}
		tasks.addCandidateGroup(naming.get().getId(), notices.fallbackGroup());
		log.info("naming handed to the fallback approvers");
		boolean sent = notices.send(notices.fallbackApprovers(), execution, "name a new owner", List
			.of("The owner of this service account, " + LEAVER.find(execution).orElse("?")
					+ ", has left, and nobody has named a new owner for two weeks. Please name one: an active person "
					+ "in ServiceNow who will answer for the account. Without an owner it is locked after 30 days."),
				notices.link(naming.get()));
		if (!sent) {
			log.info("naming escalation mail not sent: no fallback approver has an e-mail address; the task waits "
					+ "in Tasklist");
		}
	}

}
