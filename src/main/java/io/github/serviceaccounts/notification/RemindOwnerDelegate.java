package io.github.serviceaccounts.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.RequestProcess;

/** "Remind owner": the owner has not confirmed that their REST calls work. */
@Component
class RemindOwnerDelegate implements JavaDelegate {

	private final ServiceAccountMails mails;

	private final Recipients recipients;

	private final TasklistLinks links;

	RemindOwnerDelegate(ServiceAccountMails mails, Recipients recipients, TasklistLinks links) {
		this.mails = mails;
		this.recipients = recipients;
		this.links = links;
	}

	@Override
	public void execute(DelegateExecution execution) {
		mails.validationReminder(recipients.owner(execution), RequestSummaries.of(execution),
				links.waitingTask(execution, RequestProcess.VALIDATE_SERVICE_ACCOUNT));
	}

}
