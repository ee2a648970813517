package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.request.RequestVariables.APPROVER_ROUTING;
import static io.github.serviceaccounts.request.RequestVariables.APPROVER_USER_ID;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.ServiceAccountsProperties;

/**
 * "Tell approver": an approval has just been given to someone, the manager after "Check
 * request" or the fallback approvers after an escalation. Each is told by mail, in a step
 * of its own, so a mail server that is down delays the mail (with retries and, in the
 * end, an incident) but never the approval itself.
 */
@Component
class TellApproverDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(TellApproverDelegate.class);

	private final ServiceAccountMails mails;

	private final Recipients recipients;

	private final String tasklistUrl;

	TellApproverDelegate(ServiceAccountMails mails, Recipients recipients, ServiceAccountsProperties properties) {
		this.mails = mails;
		this.recipients = recipients;
		this.tasklistUrl = properties.tasklistUrl();
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<String> to = recipients.approvers(execution);
		if (to.isEmpty()) {
			log.warn("approval assigned, but no approver has an e-mail address to tell");
			return;
		}
		// A named approver is the manager; a group holds the approval only when the
		// manager could not take
		// it from the start or did not answer in time (then escalated).
		boolean escalated = APPROVER_USER_ID.find(execution).isEmpty()
				&& APPROVER_ROUTING.find(execution).filter(routing -> routing.startsWith("escalated")).isPresent();
		for (String address : to) {
			if (escalated) {
				mails.approvalEscalated(address, RequestSummaries.of(execution), tasklistUrl);
			}
			else {
				mails.approvalRequested(address, RequestSummaries.of(execution), tasklistUrl);
			}
		}
		log.info("approver{} told: {}", to.size() == 1 ? "" : "s", escalated ? "escalated" : "approval needed");
	}

}
