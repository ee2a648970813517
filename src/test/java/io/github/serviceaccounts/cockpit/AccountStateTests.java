package io.github.serviceaccounts.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.lifecycle.LifecycleProcess;

/** Where a lifecycle waits, as the inventory names it. */
class AccountStateTests {

	@Test
	void aLifecycleWaitingForItsNextEventIsLive() {
		assertThat(AccountState.ofLifecycle(Set.of(LifecycleProcess.AWAIT_LIFECYCLE_EVENT), false))
			.isEqualTo(AccountState.LIVE);
	}

	@Test
	void eachPartOfTheLifecycleHasItsState() {
		assertThat(AccountState.ofLifecycle(Set.of(LifecycleProcess.REVIEW_SERVICE_ACCOUNT), false))
			.isEqualTo(AccountState.UNDER_REVIEW);
		assertThat(AccountState.ofLifecycle(Set.of(LifecycleProcess.READ_REVIEW_EVIDENCE), false))
			.isEqualTo(AccountState.UNDER_REVIEW);
		assertThat(AccountState.ofLifecycle(Set.of(LifecycleProcess.ACCEPT_OWNERSHIP), false))
			.isEqualTo(AccountState.HAND_OVER_PENDING);
		assertThat(AccountState.ofLifecycle(Set.of(LifecycleProcess.FIND_OWNER_SUCCESSOR), false))
			.isEqualTo(AccountState.HAND_OVER_PENDING);
		assertThat(AccountState.ofLifecycle(Set.of(LifecycleProcess.OBJECT_TO_RETIREMENT), false))
			.isEqualTo(AccountState.RETIRING);
	}

	@Test
	void aLockOutranksWhereTheLifecycleWaits() {
		assertThat(AccountState.ofLifecycle(Set.of(LifecycleProcess.REVIEW_SERVICE_ACCOUNT), true))
			.isEqualTo(AccountState.LOCKED);
		assertThat(AccountState.ofLifecycle(Set.of(LifecycleProcess.NAME_NEW_OWNER), true))
			.isEqualTo(AccountState.LOCKED);
	}

	@Test
	void aStateIsTakenByItsLabelOrItsName() {
		assertThat(AccountState.parse("hand-over pending")).contains(AccountState.HAND_OVER_PENDING);
		assertThat(AccountState.parse("HAND_OVER_PENDING")).contains(AccountState.HAND_OVER_PENDING);
		assertThat(AccountState.parse("Under review")).contains(AccountState.UNDER_REVIEW);
		assertThat(AccountState.parse("asleep")).isEmpty();
	}

}
