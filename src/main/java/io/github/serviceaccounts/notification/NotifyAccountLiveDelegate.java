package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Tell owner and manager the account is live": web services only from now on. */
@Component
class NotifyAccountLiveDelegate implements JavaDelegate {

	private final ServiceAccountMails mails;

	private final Recipients recipients;

	NotifyAccountLiveDelegate(ServiceAccountMails mails, Recipients recipients) {
		this.mails = mails;
		this.recipients = recipients;
	}

	@Override
	public void execute(DelegateExecution execution) {
		mails.accountLive(recipients.ownerAndManager(execution), RequestSummaries.of(execution),
				VALIDATION_TIMED_OUT.find(execution).orElse(false));
	}

}
