package io.github.serviceaccounts.notification;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.RequestProcess;

/** "Remind approver": the approval is overdue. */
@Component
class RemindApproverDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RemindApproverDelegate.class);

	private final ServiceAccountMails mails;

	private final Recipients recipients;

	private final TasklistLinks links;

	RemindApproverDelegate(ServiceAccountMails mails, Recipients recipients, TasklistLinks links) {
		this.mails = mails;
		this.recipients = recipients;
		this.links = links;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<String> to = recipients.approvers(execution);
		if (to.isEmpty()) {
			log.warn("approval overdue, but no approver has an e-mail address to remind");
			return;
		}
		String link = links.waitingTask(execution, RequestProcess.APPROVE_SERVICE_ACCOUNT);
		for (String address : to) {
			mails.approvalReminder(address, RequestSummaries.of(execution), link);
		}
	}

}
