package io.github.serviceaccounts.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectorTests {

	private final FaultInjector faults = new FaultInjector();

	@Test
	void noPlanMeansNoFault() {
		assertThat(faults.next("POST", "sys_user")).isEmpty();
	}

	@Test
	void scriptedFaultsComeFirstInOrderAndAreUsedUp() {
		faults.configure(FaultPlan.NONE.withErrors(1.0, 503));
		faults.failNext(2, Fault.RATE_LIMITED, null, null);
		faults.failNext(1, Fault.TIMEOUT, "GET", null);

		assertThat(faults.next("GET", "sys_user")).hasValue(Fault.RATE_LIMITED);
		assertThat(faults.next("GET", "sys_user")).hasValue(Fault.RATE_LIMITED);
		assertThat(faults.next("GET", "sys_user")).hasValue(Fault.TIMEOUT);
		assertThat(faults.next("GET", "sys_user")).hasValue(Fault.SERVICE_UNAVAILABLE);
	}

	@Test
	void commitThenFailNeverHitsAReadEvenWhenScriptedForAnyMethod() {
		faults.failNext(1, Fault.COMMIT_THEN_FAIL, null, "sys_user");

		assertThat(faults.next("GET", "sys_user")).isEmpty();
		assertThat(faults.next("PATCH", "sys_user")).hasValue(Fault.COMMIT_THEN_FAIL);
	}

	@Test
	void theSameSeedGivesTheSameSequence() {
		FaultPlan plan = FaultPlan.NONE.withErrors(0.2, 500, 502)
			.withRateLimit(0.2, 1)
			.withTimeouts(0.1, 10)
			.withTruncated(0.1)
			.withCommitThenFail(0.1)
			.withSeed(7);

		assertThat(sequence(plan)).isEqualTo(sequence(plan));
		assertThat(sequence(plan)).contains(Optional.empty(), Optional.of(Fault.RATE_LIMITED));
	}

	@Test
	void ratesMatchOverManyCalls() {
		faults.configure(FaultPlan.NONE.withErrors(0.3, 500).withSeed(1));

		long errors = 0;
		for (int i = 0; i < 10_000; i++) {
			errors += faults.next("GET", "sys_user").isPresent() ? 1 : 0;
		}

		assertThat(errors).isBetween(2_800L, 3_200L);
	}

	@Test
	void clearForgetsPlanAndScript() {
		faults.configure(FaultPlan.NONE.withErrors(1.0));
		faults.failNext(3, Fault.TIMEOUT, null, null);

		faults.clear();

		assertThat(faults.next("GET", "sys_user")).isEmpty();
		assertThat(faults.plan()).isEqualTo(FaultPlan.NONE);
	}

	@Test
	void impossiblePlansAreRefusedWithTheReason() {
		assertThatThrownBy(() -> FaultPlan.NONE.withErrors(0.7).withRateLimit(0.7, 1))
			.hasMessageContaining("add up to more than 1");
		assertThatThrownBy(() -> FaultPlan.NONE.withErrors(0.5, 404)).hasMessageContaining("404");
		assertThatThrownBy(() -> FaultPlan.NONE.withLatency(-1)).hasMessageContaining("negative");
	}

	private List<Optional<Fault>> sequence(FaultPlan plan) {
		faults.configure(plan);
		List<Optional<Fault>> sequence = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			sequence.add(faults.next(i % 2 == 0 ? "GET" : "POST", "sys_user"));
		}
		return sequence;
	}

}
