package io.github.serviceaccounts.notification;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Tell owner the account was withdrawn": deactivated and locked out at their request.
 */
@Component
class NotifyAccountWithdrawnDelegate implements JavaDelegate {

	private final ServiceAccountMails mails;

	private final Recipients recipients;

	NotifyAccountWithdrawnDelegate(ServiceAccountMails mails, Recipients recipients) {
		this.mails = mails;
		this.recipients = recipients;
	}

	@Override
	public void execute(DelegateExecution execution) {
		mails.accountWithdrawn(recipients.owner(execution), RequestSummaries.of(execution));
	}

}
