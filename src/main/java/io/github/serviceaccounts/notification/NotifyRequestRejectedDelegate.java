package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Tell requester the request was rejected", with the approver's comment. */
@Component
class NotifyRequestRejectedDelegate implements JavaDelegate {

	private final ServiceAccountMails mails;

	private final Recipients recipients;

	NotifyRequestRejectedDelegate(ServiceAccountMails mails, Recipients recipients) {
		this.mails = mails;
		this.recipients = recipients;
	}

	@Override
	public void execute(DelegateExecution execution) {
		mails.requestRejected(recipients.owner(execution), RequestSummaries.of(execution),
				APPROVAL_COMMENT.find(execution).orElse(null));
	}

}
