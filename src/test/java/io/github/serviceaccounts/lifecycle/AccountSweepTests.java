package io.github.serviceaccounts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.servicenow.AccountPage;
import io.github.serviceaccounts.servicenow.AccountState;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowGroup;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;

/**
 * The sweep's reading and telling, with ServiceNow and the engine stood in for: which
 * calls it makes, whom it tells, and when it refuses to.
 */
class AccountSweepTests {

	static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");

	static final String GROUP = "0".repeat(32);

	static final String RECENTLY = "2026-12-01 08:00:00";

	static final String LONG_AGO = "2025-01-01 08:00:00";

	final ServiceNowClient serviceNow = mock(ServiceNowClient.class);

	final FakeLifecycles lifecycles = new FakeLifecycles();

	AccountSweep sweep(int pageSize) {
		when(serviceNow.findGroupByName("ServiceNow Service Accounts"))
			.thenReturn(Optional.of(new ServiceNowGroup(GROUP, "ServiceNow Service Accounts", true)));
		return new AccountSweep(serviceNow, lifecycles, "ServiceNow Service Accounts", settings(pageSize),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	static LifecycleProperties settings(int pageSize) {
		return new LifecycleProperties(Duration.ofDays(180), Duration.ofDays(7), Duration.ofDays(14),
				Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(90),
				"0 0 2 * * ?", pageSize);
	}

	static String sysId(int n) {
		return String.format("%032x", n + 1);
	}

	static String ownerSysId(String owner) {
		return String.format("%032x", Math.abs(owner.hashCode()) + 100_000L);
	}

	static ServiceNowUser owner(String userName, boolean active) {
		return new ServiceNowUser(ownerSysId(userName), userName, "First", "Last", null, null, active, false, false,
				false, null, null, null);
	}

	static AccountState state(int n, String owner, boolean ownerActive, String lastLogin) {
		ServiceNowUser account = new ServiceNowUser(sysId(n), name(n), "Svc", "Account", null, ownerSysId(owner), true,
				false, true, false, lastLogin, "machine", "2024-01-01 00:00:00");
		return new AccountState(account, Optional.of(owner(owner, ownerActive)), false);
	}

	static String name(int n) {
		return String.format("svc_acct_%05d", n);
	}

	/** Governs accounts 0..n-1, owned by alice. */
	void govern(int n) {
		IntStream.range(0, n)
			.forEach(i -> lifecycles.accounts
				.add(new GovernedAccount("lifecycle-" + i, name(i), sysId(i), "alice", false, null)));
	}

	/** The group's members, in pages, as ServiceNow would answer them. */
	void groupHolds(int pageSize, List<AccountState> members) {
		for (int offset = 0; offset <= members.size(); offset += pageSize) {
			List<AccountState> page = members.subList(offset, Math.min(offset + pageSize, members.size()));
			when(serviceNow.groupMembersPage(GROUP, offset, pageSize))
				.thenReturn(new AccountPage(page, page.size() == pageSize));
		}
	}

	static List<AccountState> healthy(int n) {
		return new ArrayList<>(IntStream.range(0, n).mapToObj(i -> state(i, "alice", true, RECENTLY)).toList());
	}

	@Test
	void tenThousandGovernedAccountsCostTenCallsAndOneLookUpOfTheGroup() {
		govern(10_000);
		groupHolds(1000, healthy(10_000));
		when(serviceNow.hasIdentityType()).thenReturn(true);

		SweepSummary first = sweep(1000).sweep();

		assertThat(first.calls()).isEqualTo(11);
		assertThat(first.read()).isEqualTo(10_000);
		// stopped once every governed account was seen: no empty eleventh page, no
		// machine
		// identities
		verify(serviceNow, never()).groupMembersPage(GROUP, 10_000, 1000);
		verify(serviceNow, never()).machineIdentitiesPage(anyInt(), anyInt());
		assertThat(lifecycles.told).isEmpty();
	}

	@Test
	void theGroupIsLookedUpOncePerApplicationStart() {
		govern(3);
		groupHolds(10, healthy(3));
		AccountSweep sweep = sweep(10);
		assertThat(sweep.sweep().calls()).isEqualTo(2);
		assertThat(sweep.sweep().calls()).isEqualTo(1);
		verify(serviceNow, times(1)).findGroupByName(anyString());
	}

	@Test
	void nothingGovernedNothingRead() {
		SweepSummary summary = sweep(10).sweep();
		assertThat(summary.calls()).isZero();
		verify(serviceNow, never()).findGroupByName(anyString());
	}

	@Test
	void theOwnerWhoLeftIsToldToTheWaitingLifecycleOnly() {
		govern(4);
		List<AccountState> members = healthy(4);
		members.set(1, state(1, "alice", false, RECENTLY));
		members.set(2, state(2, "bob", true, RECENTLY));
		members.set(3, state(3, "alice", false, LONG_AGO));
		groupHolds(10, members);
		lifecycles.busy.add("lifecycle-2");

		SweepSummary summary = sweep(10).sweep();

		assertThat(lifecycles.told).containsExactly("lifecycle-1 " + LifecycleProcess.Messages.OWNER_LEFT,
				"lifecycle-3 " + LifecycleProcess.Messages.OWNER_LEFT);
		assertThat(summary.ownerLeft()).isEqualTo(2);
		assertThat(summary.unused()).isZero();
		assertThat(summary.busy()).isEqualTo(1);
	}

	@Test
	void anUnusedAccountIsToldAsUnused() {
		govern(2);
		List<AccountState> members = healthy(2);
		members.set(0, state(0, "alice", true, LONG_AGO));
		groupHolds(10, members);

		SweepSummary summary = sweep(10).sweep();

		assertThat(lifecycles.told).containsExactly("lifecycle-0 " + LifecycleProcess.Messages.ACCOUNT_UNUSED);
		assertThat(summary.unused()).isEqualTo(1);
	}

	@Test
	void accountsOutsideTheGroupAreLookedForAmongMachineIdentitiesThenOneByOne() {
		govern(5);
		groupHolds(2, healthy(3));
		when(serviceNow.hasIdentityType()).thenReturn(true);
		when(serviceNow.machineIdentitiesPage(0, 2)).thenReturn(
				new AccountPage(List.of(state(3, "alice", true, RECENTLY), state(99, "bob", true, null)), true));
		when(serviceNow.machineIdentitiesPage(2, 2)).thenReturn(new AccountPage(List.of(), false));
		// account 4 is gone
		when(serviceNow.findUserAndManagerBySysId(sysId(4))).thenReturn(Optional.empty());

		SweepSummary summary = sweep(2).sweep();

		// group look-up, 2 group pages, 2 machine pages, 1 single read
		assertThat(summary.calls()).isEqualTo(6);
		assertThat(summary.missing()).isEqualTo(1);
		assertThat(lifecycles.incidents).containsOnlyKeys("lifecycle-4");
		assertThat(lifecycles.incidents.get("lifecycle-4")).contains(name(4), sysId(4), "gone from ServiceNow");
	}

	@Test
	void anInstanceWithoutIdentityTypeReadsNoMachineIdentities() {
		govern(2);
		groupHolds(10, healthy(1));
		when(serviceNow.hasIdentityType()).thenReturn(false);
		ServiceNowUser inactive = new ServiceNowUser(sysId(1), name(1), "S", "A", null, null, false, false, true, false,
				null, null, null);
		when(serviceNow.findUserAndManagerBySysId(sysId(1)))
			.thenReturn(Optional.of(new UserAndManager(inactive, Optional.empty())));

		SweepSummary summary = sweep(10).sweep();

		verify(serviceNow, never()).machineIdentitiesPage(anyInt(), anyInt());
		assertThat(summary.missing()).isEqualTo(1);
		assertThat(lifecycles.incidents.get("lifecycle-1")).contains("inactive in ServiceNow");
	}

	@Test
	void aMissingAccountIsReportedOnceAndResolvedWhenItIsBack() {
		govern(1);
		groupHolds(10, List.of());
		when(serviceNow.findUserAndManagerBySysId(sysId(0))).thenReturn(Optional.empty());
		AccountSweep sweep = sweep(10);

		sweep.sweep();
		sweep.sweep();
		assertThat(lifecycles.raised).isEqualTo(1);

		groupHolds(10, healthy(1));
		sweep.sweep();
		assertThat(lifecycles.incidents).isEmpty();
	}

	@Test
	void anAccountDeactivatedByItsOwnRetirementIsNoIncident() {
		govern(1);
		groupHolds(10, List.of());
		ServiceNowUser inactive = new ServiceNowUser(sysId(0), name(0), "S", "A", null, null, false, true, true, false,
				null, null, null);
		when(serviceNow.findUserAndManagerBySysId(sysId(0)))
			.thenReturn(Optional.of(new UserAndManager(inactive, Optional.empty())));
		lifecycles.retiring.add("lifecycle-0");

		SweepSummary summary = sweep(10).sweep();

		assertThat(summary.missing()).isZero();
		assertThat(lifecycles.incidents).isEmpty();
	}

	@Test
	void manyAccountsUnseenFailTheSweepBeforeAnyLifecycleHearsAnything() {
		govern(AccountSweep.MAX_SINGLE_READS + 2);
		List<AccountState> members = healthy(1);
		members.set(0, state(0, "alice", false, RECENTLY));
		groupHolds(1000, members);

		assertThatThrownBy(() -> sweep(1000).sweep()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("101 of 102 governed accounts")
			.hasMessageContaining("serviceaccounts.default-group");
		assertThat(lifecycles.told).isEmpty();
		verify(serviceNow, never()).findUserAndManagerBySysId(anyString());
	}

	@Test
	void aDefaultGroupThatDoesNotExistNamesTheSetting() {
		govern(1);
		AccountSweep sweep = sweep(10);
		when(serviceNow.findGroupByName(eq("ServiceNow Service Accounts"))).thenReturn(Optional.empty());
		assertThatThrownBy(sweep::sweep).hasMessageContaining("serviceaccounts.default-group")
			.hasMessageContaining("'ServiceNow Service Accounts' does not exist");
	}

	static final class FakeLifecycles implements Lifecycles {

		final List<GovernedAccount> accounts = new ArrayList<>();

		final Set<String> busy = new HashSet<>();

		final Set<String> retiring = new HashSet<>();

		final List<String> told = new ArrayList<>();

		final Map<String, String> incidents = new HashMap<>();

		int raised;

		@Override
		public List<GovernedAccount> governed() {
			return accounts;
		}

		@Override
		public boolean waitingFor(GovernedAccount account, String messageName) {
			return !busy.contains(account.lifecycleId());
		}

		@Override
		public void tell(GovernedAccount account, String messageName) {
			told.add(account.lifecycleId() + " " + messageName);
		}

		@Override
		public boolean retiring(GovernedAccount account) {
			return retiring.contains(account.lifecycleId());
		}

		@Override
		public Map<String, String> openMissingIncidents() {
			Map<String, String> open = new HashMap<>();
			incidents.keySet().forEach(id -> open.put(id, "incident-" + id));
			return open;
		}

		@Override
		public void raiseMissing(GovernedAccount account, String message) {
			raised++;
			incidents.put(account.lifecycleId(), message);
		}

		@Override
		public void resolveMissing(GovernedAccount account, String incidentId) {
			incidents.remove(account.lifecycleId());
		}

	}

}
