package io.github.serviceaccounts.provisioning;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.notification.RequestSummary;
import io.github.serviceaccounts.notification.ServiceAccountMails;
import io.github.serviceaccounts.request.RequestVariables;
import io.github.serviceaccounts.servicenow.QueryValues;
import io.github.serviceaccounts.servicenow.ServiceNowClient;

/**
 * Generates a one-time password, sets it on the account and mails it to the owner, all in one
 * step: a retry simply issues a new password. The password lives only in a local array that is
 * wiped afterwards; it never reaches a variable, the history, a log line or an exception.
 */
@Component
class CredentialsHandOver {

	private static final Logger log = LoggerFactory.getLogger(CredentialsHandOver.class);

	private final ServiceNowClient serviceNow;
	private final PasswordGenerator passwords;
	private final ServiceAccountMails mails;

	CredentialsHandOver(ServiceNowClient serviceNow, PasswordGenerator passwords, ServiceAccountMails mails) {
		this.serviceNow = serviceNow;
		this.passwords = passwords;
		this.mails = mails;
	}

	void handOver(String accountSysId, String ownerEmail, RequestSummary request) {
		String sysId = QueryValues.sysId(RequestVariables.ACCOUNT_SYS_ID.name(), accountSysId);
		if (ownerEmail == null || ownerEmail.isBlank()) {
			throw new IllegalStateException("The owner " + request.requester()
					+ " has no e-mail address in ServiceNow, so the password cannot be handed over; add one and retry");
		}
		char[] password = passwords.generate();
		try {
			serviceNow.setPassword(sysId, password);
			mails.credentials(ownerEmail, request, password, serviceNow.instanceUrl() + "/$restapi.do");
		}
		finally {
			Arrays.fill(password, '\0');
		}
		log.info("one-time password set and sent to the owner {}", request.requester());
	}
}
