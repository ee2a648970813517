package io.github.serviceaccounts.provisioning;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.notification.RequestSummary;
import io.github.serviceaccounts.notification.ServiceAccountMails;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UnsafeWriteException;
import io.github.serviceaccounts.servicenow.VerifiedServiceAccount;

/**
 * Generates a one-time password, sets it on the account and mails it to the owner, all in
 * one step: a retry simply issues a new password. The password lives only in a local
 * array that is wiped afterwards; it never reaches a variable, the history, a log line or
 * an exception.
 */
@Component
class CredentialsHandOver {

	private static final Logger log = LoggerFactory.getLogger(CredentialsHandOver.class);

	private final ServiceNowClient serviceNow;

	private final ServiceAccounts accounts;

	private final PasswordGenerator passwords;

	private final ServiceAccountMails mails;

	CredentialsHandOver(ServiceNowClient serviceNow, ServiceAccounts accounts, PasswordGenerator passwords,
			ServiceAccountMails mails) {
		this.serviceNow = serviceNow;
		this.accounts = accounts;
		this.passwords = passwords;
		this.mails = mails;
	}

	/**
	 * The password goes to the owner's e-mail as ServiceNow has it now (the account's
	 * manager, read in the same call that checks the account), never to an address a
	 * variable holds.
	 */
	void handOver(AccountRef ref, RequestSummary request) {
		VerifiedServiceAccount account = accounts.verify(ref);
		ServiceNowUser owner = account.owner();
		if (!owner.active()) {
			throw new UnsafeWriteException("The owner " + owner.userName() + " of " + account.userName()
					+ " is inactive in ServiceNow, so nobody may receive its password; nothing was written");
		}
		String ownerEmail = owner.email();
		if (ownerEmail == null || ownerEmail.isBlank()) {
			throw new IllegalStateException("The owner " + owner.userName()
					+ " has no e-mail address in ServiceNow, so the password cannot be handed over; add one and retry");
		}
		char[] password = passwords.generate();
		try {
			serviceNow.setPassword(account, password);
			mails.credentials(ownerEmail, request, password, restApiExplorerUrl(account));
		}
		finally {
			Arrays.fill(password, '\0');
		}
		log.info("one-time password set and sent to the owner {}", owner.userName());
	}

	/**
	 * ServiceNow's REST API Explorer, with the account's name as {@code user}: an
	 * instance's page ignores a parameter it does not know, and the embedded simulator's
	 * stand-in fills the name into its ready calls.
	 */
	private String restApiExplorerUrl(VerifiedServiceAccount account) {
		return serviceNow.instanceUrl() + "/$restapi.do?user="
				+ URLEncoder.encode(account.userName(), StandardCharsets.UTF_8);
	}

}
