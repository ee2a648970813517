package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Tell owner the extra access was refused"; the owner then validates again. */
@Component
class NotifyMoreAccessRefusedDelegate implements JavaDelegate {

	private final ServiceAccountMails mails;

	private final Recipients recipients;

	NotifyMoreAccessRefusedDelegate(ServiceAccountMails mails, Recipients recipients) {
		this.mails = mails;
		this.recipients = recipients;
	}

	@Override
	public void execute(DelegateExecution execution) {
		mails.moreAccessRefused(recipients.owner(execution), RequestSummaries.of(execution),
				REQUESTED_GROUPS.find(execution).orElse(null), APPROVAL_COMMENT.find(execution).orElse(null));
	}

}
