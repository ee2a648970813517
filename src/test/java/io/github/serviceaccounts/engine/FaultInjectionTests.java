package io.github.serviceaccounts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.RequestDriver;
import io.github.serviceaccounts.simulator.Fault;
import io.github.serviceaccounts.simulator.FaultPlan;
import io.github.serviceaccounts.simulator.RequestLogEntry;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * Nothing lost, nothing duplicated: 100 requests through a ServiceNow that fails about 30
 * % of the calls (5xx, 429, time-outs, writes committed but answered 500, cut-off
 * answers), and a burst of rate limits. Many short retries stand in for the production
 * cycle.
 */
// Closed after the class: the engine REST API finds its engine by the name "default",
// which
// only one application context at a time may hold.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:fault-injection;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "servicenow.read-timeout=1s",
				// Held calls below answer after 3 s, past the read timeout plus the first
				// retry interval, as a slow
				// insert on an instance can be (up to its 60-s quota, against 20 s +
				// PT10S in production).
				"servicenow.write-settle-time=4s", "servicenow.pacing.calls-per-second=1000",
				"serviceaccounts.retry-intervals=" + FaultInjectionTests.FORTY_SECOND_RETRIES,
				"camunda.bpm.job-execution.wait-time-in-millis=100", "camunda.bpm.job-execution.max-wait=500",
				"camunda.bpm.job-execution.max-jobs-per-acquisition=10", "camunda.bpm.job-execution.core-pool-size=8",
				"camunda.bpm.job-execution.max-pool-size=8" })
class FaultInjectionTests {

	static final String FORTY_SECOND_RETRIES = "PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,"
			+ "PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,"
			+ "PT1S,PT1S,PT1S";

	@Autowired
	ProcessEngine engine;

	@Autowired
	ServiceNowSimulator simulator;

	RequestDriver people;

	@BeforeEach
	void freshInstance() {
		simulator.reset();
		people = new RequestDriver(engine);
	}

	@Test
	void hundredRequestsUnderThirtyPercentFaultsEachFinishExactlyOnce() throws Exception {
		long before = people.provisioned();
		simulator.faults()
			.configure(FaultPlan.NONE.withErrors(0.13, 500, 502, 503)
				.withRateLimit(0.05, 1)
				.withTimeouts(0.05, 3000)
				.withCommitThenFail(0.07)
				.withTruncated(0.03)
				.withSeed(20261129));
		List<String> names = IntStream.range(0, 100).mapToObj(i -> String.format("svc_fault_%03d", i)).toList();
		names.forEach(people::start);

		people.playUntil("100 provisioned accounts", Duration.ofMinutes(8), () -> people.provisioned() - before == 100);
		simulator.faults().clear();

		Map<Fault, Long> injected = simulator.requestLog()
			.stream()
			.filter(entry -> entry.fault() != null)
			.collect(Collectors.groupingBy(RequestLogEntry::fault, () -> new EnumMap<>(Fault.class),
					Collectors.counting()));
		long calls = simulator.requestLog().stream().filter(entry -> entry.path().contains("/api/now/")).count();
		System.out.printf("fault injection: %d ServiceNow calls, %d faults injected (%.0f %%): %s%n", calls,
				injected.values().stream().mapToLong(Long::longValue).sum(),
				100.0 * injected.values().stream().mapToLong(Long::longValue).sum() / calls, injected);
		assertThat(injected).containsKeys(Fault.INTERNAL_SERVER_ERROR, Fault.RATE_LIMITED, Fault.TIMEOUT,
				Fault.COMMIT_THEN_FAIL, Fault.TRUNCATED_BODY);

		assertThat(simulator.successfulInserts("sys_user")).as("accounts created").isEqualTo(100);
		List<Map<String, String>> accounts = simulator.records("sys_user")
			.stream()
			.filter(user -> user.get("user_name").startsWith("svc_fault_"))
			.toList();
		assertThat(accounts).extracting(user -> user.get("user_name")).containsExactlyInAnyOrderElementsOf(names);
		assertThat(accounts)
			.allSatisfy(account -> assertThat(account).containsEntry("web_service_access_only", "true"));
		Map<String, Long> membershipsPerAccount = simulator.records("sys_user_grmember")
			.stream()
			.collect(Collectors.groupingBy(member -> member.get("user"), Collectors.counting()));
		assertThat(accounts).allSatisfy(account -> assertThat(membershipsPerAccount.get(account.get("sys_id")))
			.as("memberships of " + account.get("user_name"))
			.isEqualTo(1L));
		assertThat(engine.getHistoryService().createHistoricIncidentQuery().count()).as("incidents, ever").isZero();
	}

	@Test
	void aMembershipServiceNowIsStillInsertingWhenTheStepGivesUpIsNotInsertedAgain() throws Exception {
		long before = people.provisioned();
		// The insert is held 3 s and then done: the step gave up after 1 s (read
		// timeout), and its first
		// retry interval (1 s) would have had it look and insert again while ServiceNow
		// was still at it.
		simulator.faults().configure(FaultPlan.NONE.withTimeouts(0, 3000));
		simulator.faults().failNext(1, Fault.TIMEOUT, "POST", "sys_user_grmember");
		people.start("svc_settle_01");

		people.playUntil("the account provisioned", Duration.ofMinutes(1), () -> people.provisioned() - before == 1);
		// Without the wait for the write to settle, the account can be provisioned before
		// the held insert lands.
		people.playUntil("the held insert done", Duration.ofSeconds(10),
				() -> simulator.requestLog().stream().anyMatch(entry -> entry.fault() == Fault.TIMEOUT));
		simulator.faults().clear();

		String account = simulator.records("sys_user")
			.stream()
			.filter(user -> user.get("user_name").equals("svc_settle_01"))
			.findFirst()
			.orElseThrow()
			.get("sys_id");
		assertThat(simulator.records("sys_user_grmember")).filteredOn(member -> member.get("user").equals(account))
			.as("memberships of the account")
			.hasSize(1);
		List<RequestLogEntry> membershipCalls = simulator.requestLog()
			.stream()
			.filter(entry -> entry.path().endsWith("/sys_user_grmember"))
			.toList();
		List<RequestLogEntry> inserts = membershipCalls.stream()
			.filter(entry -> entry.method().equals("POST"))
			.toList();
		assertThat(inserts).as("membership inserts")
			.hasSize(1)
			.first()
			.extracting(RequestLogEntry::fault)
			.isEqualTo(Fault.TIMEOUT);
		// Logged once the held insert was done: only the first attempt's look-up came
		// before it.
		assertThat(membershipCalls).filteredOn(entry -> entry.method().equals("GET"))
			.filteredOn(entry -> entry.timestamp().isBefore(inserts.get(0).timestamp()))
			.as("look-ups made while the insert was still running")
			.hasSize(1);
		assertThat(engine.getHistoryService().createHistoricIncidentQuery().count()).as("incidents, ever").isZero();
	}

	@Test
	void aMinuteOfRateLimitsCausesNoIncidentAndEveryRequestFinishes() throws Exception {
		long before = people.provisioned();
		// Longer than the client absorbs: the engine must reschedule the jobs without
		// using up retries.
		simulator.faults().configure(FaultPlan.NONE.withRateLimit(1.0, 10));
		List<String> names = IntStream.range(0, 10).mapToObj(i -> String.format("svc_burst_%02d", i)).toList();
		names.forEach(people::start);

		Thread.sleep(Duration.ofSeconds(60).toMillis());
		long limited = simulator.requestLog().stream().filter(entry -> entry.fault() == Fault.RATE_LIMITED).count();
		assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
		simulator.faults().clear();

		people.playUntil("10 provisioned accounts", Duration.ofMinutes(2), () -> people.provisioned() - before == 10);
		System.out.printf("rate-limit burst: %d calls answered 429 in 60 s%n", limited);
		assertThat(limited).isGreaterThanOrEqualTo(10);
		assertThat(engine.getHistoryService().createHistoricIncidentQuery().count()).isZero();
		assertThat(simulator.successfulInserts("sys_user")).isEqualTo(10);
	}

}
