package io.github.serviceaccounts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.request.GrantableGroups;
import io.github.serviceaccounts.request.TestSettings;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowUser;

/** The rules for a named owner and for "unused", without ServiceNow. */
class GovernedAccountsTests {

	final ServiceNowClient serviceNow = mock(ServiceNowClient.class);

	final GovernedAccounts accounts = new GovernedAccounts(serviceNow, mock(GrantableGroups.class),
			TestSettings.PROPERTIES, LifecycleTestSettings.DEFAULTS,
			Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC));

	static ServiceNowUser user(String name, boolean active, boolean webServiceOnly, String identityType) {
		return new ServiceNowUser("a".repeat(32), name, "First", "Last", name + "@example.com", null, active, false,
				webServiceOnly, false, null, identityType, null);
	}

	@Test
	void aNamedOwnerMustBeAnActivePersonInServiceNowOtherThanTheLeaver() {
		when(serviceNow.findUserByUserName("carol")).thenReturn(Optional.of(user("carol", true, false, "human")));
		when(serviceNow.findUserByUserName("dave")).thenReturn(Optional.of(user("dave", false, false, "human")));
		when(serviceNow.findUserByUserName("svc_other")).thenReturn(Optional.of(user("svc_other", true, true, null)));
		when(serviceNow.findUserByUserName("robot")).thenReturn(Optional.of(user("robot", true, false, "machine")));
		when(serviceNow.findUserByUserName("alice")).thenReturn(Optional.of(user("alice", true, false, "human")));
		when(serviceNow.findUserByUserName("nobody")).thenReturn(Optional.empty());

		assertThat(accounts.checkCandidate("New owner", "carol", "alice").userName()).isEqualTo("carol");
		assertThatThrownBy(() -> accounts.checkCandidate("New owner", "nobody", "alice"))
			.hasMessage("New owner: nobody does not exist in ServiceNow");
		assertThatThrownBy(() -> accounts.checkCandidate("New owner", "dave", "alice"))
			.hasMessage("New owner: dave is inactive in ServiceNow");
		assertThatThrownBy(() -> accounts.checkCandidate("New owner", "svc_other", "alice"))
			.hasMessage("New owner: svc_other is a service account; an owner must be a person");
		assertThatThrownBy(() -> accounts.checkCandidate("New owner", "robot", "alice"))
			.hasMessage("New owner: robot is a service account; an owner must be a person");
		assertThatThrownBy(() -> accounts.checkCandidate("New owner", "alice", "alice"))
			.hasMessage("New owner: alice is the owner who left");
		assertThatThrownBy(() -> accounts.checkCandidate("New owner", "x^NQactive=true", "alice"))
			.hasMessage("New owner: 'x^NQactive=true' is not a ServiceNow user name");
	}

	@Test
	void anAccountIsUnusedWhenItsLastLoginOrItsCreationIsOlderThanTheDormancyLimit() {
		assertThat(accounts.unusedSince("2026-11-30 08:00:00", null)).isEmpty();
		assertThat(accounts.unusedSince("2026-08-01 08:00:00", null))
			.contains("unused since 2026-08-01 08:00:00 UTC (no login for more than 90 days)");
		assertThat(accounts.unusedSince(null, "2026-11-01 08:00:00")).isEmpty();
		assertThat(accounts.unusedSince(null, "2026-01-01 08:00:00"))
			.contains("never used since it was created on 2026-01-01 08:00:00 UTC");
		assertThat(accounts.unusedSince(null, null)).contains("never used");
	}

}
