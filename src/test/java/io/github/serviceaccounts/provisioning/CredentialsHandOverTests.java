package io.github.serviceaccounts.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.notification.RequestSummary;
import io.github.serviceaccounts.notification.ServiceAccountMails;
import io.github.serviceaccounts.request.GrantableGroups;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowTransientException;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UnsafeWriteException;
import io.github.serviceaccounts.servicenow.VerifiedServiceAccount;

class CredentialsHandOverTests {

	static final String ACCOUNT = ServiceAccountsTests.ACCOUNT;
	static final AccountRef REF = ServiceAccountsTests.REF;
	static final RequestSummary SUMMARY = new RequestSummary("svc_jira_sync", "svc_jira_sync", "Jira sync", "purpose",
			"alice", "Alice Example", "");

	final ServiceNowClient serviceNow = mock(ServiceNowClient.class);

	final ServiceAccountMails mails = mock(ServiceAccountMails.class);

	final ServiceAccounts accounts = new ServiceAccounts(serviceNow, new GrantableGroups(serviceNow));

	final CredentialsHandOver handOver = new CredentialsHandOver(serviceNow, accounts, new PasswordGenerator(), mails);

	/**
	 * ServiceNow verifies the request's account and shows its owner (manager) as
	 * {@code owner}.
	 */
	VerifiedServiceAccount verifiedWithOwner(ServiceNowUser owner) {
		VerifiedServiceAccount verified = ServiceAccountsTests.verified(owner);
		when(serviceNow.verifyServiceAccount(ACCOUNT, "svc_jira_sync", "alice")).thenReturn(verified);
		return verified;
	}

	@Test
	void theSamePasswordIsSetAndMailedThenWiped() {
		VerifiedServiceAccount verified = verifiedWithOwner(ServiceAccountsTests.owner(true, "alice@example.com"));
		when(serviceNow.instanceUrl()).thenReturn("https://acme.service-now.com");
		char[][] set = new char[1][];
		String[] setCopy = new String[1];
		String[] mailed = new String[1];
		doAnswer(call -> {
			set[0] = call.getArgument(1);
			setCopy[0] = new String(set[0]);
			return null;
		}).when(serviceNow).setPassword(eq(verified), any());
		doAnswer(call -> mailed[0] = new String(call.<char[]>getArgument(2))).when(mails)
			.credentials(eq("alice@example.com"), eq(SUMMARY), any(),
					eq("https://acme.service-now.com/$restapi.do?user=svc_jira_sync"));

		handOver.handOver(REF, SUMMARY);

		assertThat(setCopy[0]).hasSize(PasswordGenerator.LENGTH).isEqualTo(mailed[0]);
		assertThat(set[0]).containsOnly('\0');
	}

	@Test
	void theMailGoesToTheOwnersAddressAsServiceNowHasItNow() {
		VerifiedServiceAccount verified = verifiedWithOwner(
				ServiceAccountsTests.owner(true, "alice.current@example.com"));
		when(serviceNow.instanceUrl()).thenReturn("https://acme.service-now.com");

		handOver.handOver(REF, SUMMARY);

		verify(serviceNow).verifyServiceAccount(ACCOUNT, "svc_jira_sync", "alice");
		verify(serviceNow).setPassword(eq(verified), any());
		verify(mails).credentials(eq("alice.current@example.com"), eq(SUMMARY), any(),
				eq("https://acme.service-now.com/$restapi.do?user=svc_jira_sync"));
	}

	@Test
	void aFailedSetSendsNoMailAndLeaksNoPassword() {
		verifiedWithOwner(ServiceAccountsTests.owner(true, "alice@example.com"));
		doThrow(new ServiceNowTransientException("PATCH sys_user", 503, "Service Unavailable")).when(serviceNow)
			.setPassword(any(VerifiedServiceAccount.class), any());

		assertThatThrownBy(() -> handOver.handOver(REF, SUMMARY)).isInstanceOf(ServiceNowTransientException.class);
		verify(mails, never()).credentials(any(), any(), any(), any());
	}

	@Test
	void ownerWithoutAddressIsAClearFailureBeforeAnythingIsSet() {
		verifiedWithOwner(ServiceAccountsTests.owner(true, null));

		assertThatThrownBy(() -> handOver.handOver(REF, SUMMARY)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("The owner alice has no e-mail address in ServiceNow");
		verify(serviceNow, never()).setPassword(any(VerifiedServiceAccount.class), any());
		verifyNoInteractions(mails);
	}

	@Test
	void anInactiveOwnerIsRefusedWithNothingWritten() {
		verifiedWithOwner(ServiceAccountsTests.owner(false, "alice@example.com"));

		assertThatThrownBy(() -> handOver.handOver(REF, SUMMARY)).isInstanceOf(UnsafeWriteException.class)
			.hasMessageContaining("The owner alice of svc_jira_sync is inactive in ServiceNow");
		verify(serviceNow, never()).setPassword(any(VerifiedServiceAccount.class), any());
		verifyNoInteractions(mails);
	}

	@Test
	void anAccountThatFailsVerificationGetsNoPassword() {
		when(serviceNow.verifyServiceAccount(ACCOUNT, "svc_jira_sync", "alice"))
			.thenThrow(new UnsafeWriteException("Refused to change sys_user " + ACCOUNT
					+ " ('svc_jira_sync'): its owner (manager) is " + "'mallory', not alice. Nothing was written."));

		assertThatThrownBy(() -> handOver.handOver(REF, SUMMARY)).isInstanceOf(UnsafeWriteException.class);
		verify(serviceNow, never()).setPassword(any(VerifiedServiceAccount.class), any());
		verifyNoInteractions(mails);
	}

	@Test
	void passwordsAreStrongAndDifferent() {
		PasswordGenerator generator = new PasswordGenerator();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			String password = new String(generator.generate());
			assertThat(password).hasSize(24)
				.matches(".*[a-z].*")
				.matches(".*[A-Z].*")
				.matches(".*[0-9].*")
				.matches(".*[!#%*+\\-.:?@_~].*")
				.doesNotContain("^", "=", "\"", "\\", "&");
			seen.add(password);
		}
		assertThat(seen).hasSize(200);
	}

}
