package io.github.serviceaccounts.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.notification.RequestSummary;
import io.github.serviceaccounts.notification.ServiceAccountMails;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowTransientException;

class CredentialsHandOverTests {

	static final String ACCOUNT = ServiceAccountsTests.ACCOUNT;
	static final RequestSummary SUMMARY = new RequestSummary("svc_jira_sync", "svc_jira_sync", "Jira sync", "purpose", "alice",
			"Alice Example", "");

	final ServiceNowClient serviceNow = mock(ServiceNowClient.class);
	final ServiceAccountMails mails = mock(ServiceAccountMails.class);
	final CredentialsHandOver handOver = new CredentialsHandOver(serviceNow, new PasswordGenerator(), mails);

	@Test
	void theSamePasswordIsSetAndMailedThenWiped() {
		when(serviceNow.instanceUrl()).thenReturn("https://acme.service-now.com");
		char[][] set = new char[1][];
		String[] setCopy = new String[1];
		String[] mailed = new String[1];
		doAnswer(call -> {
			set[0] = call.getArgument(1);
			setCopy[0] = new String(set[0]);
			return null;
		}).when(serviceNow).setPassword(eq(ACCOUNT), any());
		doAnswer(call -> mailed[0] = new String(call.<char[]>getArgument(2))).when(mails)
			.credentials(eq("alice@example.com"), eq(SUMMARY), any(), eq("https://acme.service-now.com/$restapi.do"));

		handOver.handOver(ACCOUNT, "alice@example.com", SUMMARY);

		assertThat(setCopy[0]).hasSize(PasswordGenerator.LENGTH).isEqualTo(mailed[0]);
		assertThat(set[0]).containsOnly('\0');
	}

	@Test
	void aFailedSetSendsNoMailAndLeaksNoPassword() {
		doThrow(new ServiceNowTransientException("PATCH sys_user", 503, "Service Unavailable")).when(serviceNow).setPassword(anyString(), any());

		assertThatThrownBy(() -> handOver.handOver(ACCOUNT, "alice@example.com", SUMMARY))
			.isInstanceOf(ServiceNowTransientException.class);
		verify(mails, never()).credentials(any(), any(), any(), any());
	}

	@Test
	void ownerWithoutAddressIsAClearFailureBeforeAnythingIsSet() {
		assertThatThrownBy(() -> handOver.handOver(ACCOUNT, null, SUMMARY))
			.hasMessageContaining("The owner alice has no e-mail address in ServiceNow");
		verify(serviceNow, never()).setPassword(anyString(), any());
	}

	@Test
	void passwordsAreStrongAndDifferent() {
		PasswordGenerator generator = new PasswordGenerator();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			String password = new String(generator.generate());
			assertThat(password).hasSize(24).matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*[0-9].*")
				.matches(".*[!#%*+\\-.:?@_~].*").doesNotContain("^", "=", "\"", "\\", "&");
			seen.add(password);
		}
		assertThat(seen).hasSize(200);
	}
}
