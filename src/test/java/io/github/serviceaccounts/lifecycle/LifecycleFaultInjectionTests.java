package io.github.serviceaccounts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
 * Nothing lost, nothing done twice in an account's life: hand-overs, group removals and
 * retirements of 24 accounts through a ServiceNow that fails about 30 % of the calls
 * (5xx, 429, time-outs, writes committed but answered 500, cut-off answers). Many short
 * retries stand in for the production cycle.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:lifecycle-faults;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "servicenow.read-timeout=1s", "servicenow.write-settle-time=4s",
				"servicenow.pacing.calls-per-second=1000",
				"serviceaccounts.retry-intervals=" + LifecycleFaultInjectionTests.RETRIES,
				"camunda.bpm.job-execution.wait-time-in-millis=100", "camunda.bpm.job-execution.max-wait=500",
				"camunda.bpm.job-execution.core-pool-size=8", "camunda.bpm.job-execution.max-pool-size=8" })
class LifecycleFaultInjectionTests {

	static final String RETRIES = "PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,"
			+ "PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S,PT1S";

	static final int EACH = 8;

	@Autowired
	ProcessEngine engine;

	@Autowired
	ServiceNowSimulator simulator;

	@Test
	void handOversGroupRemovalsAndRetirementsUnderThirtyPercentFaultsEachHappenExactlyOnce() throws Exception {
		RequestDriver people = new RequestDriver(engine);
		List<String> handOvers = names("svc_ho_%02d");
		List<String> reviews = names("svc_rv_%02d");
		List<String> retirements = names("svc_rt_%02d");
		List<String> all = java.util.stream.Stream.of(handOvers, reviews, retirements).flatMap(List::stream).toList();
		all.forEach(people::start);
		people.playUntil("24 governed accounts", Duration.ofMinutes(3), () -> governed(all).size() == all.size());
		String cmdb = simulator.findRecord("sys_user_group", "name", "CMDB Read Access").orElseThrow().get("sys_id");
		for (String account : reviews) {
			simulator.insert("sys_user_grmember", Map.of("user", sysId(account), "group", cmdb));
		}
		assertThat(engine.getHistoryService().createHistoricIncidentQuery().count()).isZero();

		simulator.faults()
			.configure(FaultPlan.NONE.withErrors(0.13, 500, 502, 503)
				.withRateLimit(0.05, 1)
				.withTimeouts(0.05, 3000)
				.withCommitThenFail(0.07)
				.withTruncated(0.03)
				.withSeed(20261205));
		// alice leaves; bob names carol for each account, and carol accepts
		simulator.update("sys_user", sysId("alice"), Map.of("active", "false"));
		for (String account : handOvers) {
			engine.getRuntimeService()
				.createMessageCorrelation(LifecycleProcess.Messages.OWNER_LEFT)
				.processInstanceBusinessKey(account)
				.correlate();
		}
		for (String account : reviews) {
			passTime(lifecycle(account), LifecycleProcess.REVIEW_DUE);
		}
		for (String account : retirements) {
			engine.getRuntimeService()
				.createMessageCorrelation(LifecycleProcess.Messages.RETIREMENT_REQUESTED)
				.processInstanceBusinessKey(account)
				.setVariable("retirementRequestedBy", "alice")
				.setVariable("retirementReason", "no longer needed")
				.correlate();
		}
		people.playUntil("every change done", Duration.ofMinutes(6), () -> {
			completeAs("bob", LifecycleProcess.NAME_NEW_OWNER, Map.of("newOwner", "carol"));
			completeAs("carol", LifecycleProcess.ACCEPT_OWNERSHIP, Map.of("ownershipAccepted", true));
			completeAs("alice", LifecycleProcess.REVIEW_SERVICE_ACCOUNT,
					Map.of("reviewOutcome", "removeGroups", "groupsToRemove", "CMDB Read Access"));
			for (String account : retirements) {
				ProcessInstance lifecycle = lifecycle(account);
				if (lifecycle != null && engine.getRuntimeService()
					.getActiveActivityIds(lifecycle.getId())
					.contains(LifecycleProcess.OBJECT_TO_RETIREMENT)) {
					passTime(lifecycle, LifecycleProcess.RETIREMENT_GRACE_OVER);
				}
			}
			return handOvers.stream().allMatch(account -> "carol".equals(owner(account)) && waiting(account))
					&& reviews.stream().allMatch(account -> waiting(account) && memberships(account) == 1)
					&& retirements.stream().allMatch(account -> lifecycle(account) == null);
		});
		simulator.faults().clear();
		simulator.update("sys_user", sysId("alice"), Map.of("active", "true"));

		Map<Fault, Long> injected = simulator.requestLog()
			.stream()
			.filter(entry -> entry.fault() != null)
			.collect(Collectors.groupingBy(RequestLogEntry::fault, () -> new EnumMap<>(Fault.class),
					Collectors.counting()));
		System.out.printf("lifecycle fault injection: %d faults injected: %s%n",
				injected.values().stream().mapToLong(Long::longValue).sum(), injected);
		assertThat(injected).containsKeys(Fault.INTERNAL_SERVER_ERROR, Fault.COMMIT_THEN_FAIL);
		String carol = sysId("carol");
		assertThat(handOvers)
			.allSatisfy(account -> assertThat(simulator.findRecord("sys_user", "user_name", account).orElseThrow())
				.containsEntry("manager", carol)
				.containsEntry("locked_out", "false"));
		assertThat(reviews).allSatisfy(account -> assertThat(memberships(account)).as(account).isEqualTo(1));
		assertThat(retirements)
			.allSatisfy(account -> assertThat(simulator.findRecord("sys_user", "user_name", account).orElseThrow())
				.containsEntry("active", "false")
				.containsEntry("locked_out", "true"));
		assertThat(engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.activityId(LifecycleProcess.SERVICE_ACCOUNT_RETIRED)
			.count()).isEqualTo(EACH);
		assertThat(engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.activityId(LifecycleProcess.TRANSFER_OWNERSHIP)
			.finished()
			.count()).as("each hand-over transferred once").isEqualTo(EACH);
		assertThat(engine.getHistoryService().createHistoricIncidentQuery().count()).as("incidents, ever").isZero();
	}

	static List<String> names(String pattern) {
		return IntStream.range(0, EACH).mapToObj(i -> String.format(pattern, i)).toList();
	}

	List<String> governed(List<String> accounts) {
		return accounts.stream().filter(account -> lifecycle(account) != null && waiting(account)).toList();
	}

	ProcessInstance lifecycle(String account) {
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(LifecycleProcess.PROCESS_ID)
			.processInstanceBusinessKey(account)
			.singleResult();
	}

	boolean waiting(String account) {
		ProcessInstance lifecycle = lifecycle(account);
		return lifecycle != null && engine.getRuntimeService()
			.getActiveActivityIds(lifecycle.getId())
			.contains(LifecycleProcess.AWAIT_LIFECYCLE_EVENT);
	}

	Object owner(String account) {
		ProcessInstance lifecycle = lifecycle(account);
		return lifecycle == null ? null : engine.getRuntimeService().getVariable(lifecycle.getId(), "owner");
	}

	String sysId(String userName) {
		return simulator.findRecord("sys_user", "user_name", userName).orElseThrow().get("sys_id");
	}

	long memberships(String account) {
		String user = sysId(account);
		return simulator.records("sys_user_grmember").stream().filter(m -> user.equals(m.get("user"))).count();
	}

	void passTime(ProcessInstance lifecycle, String timerEventId) {
		Job timer = engine.getManagementService()
			.createJobQuery()
			.processInstanceId(lifecycle.getId())
			.timers()
			.activityId(timerEventId)
			.singleResult();
		if (timer != null) {
			engine.getManagementService().setJobDuedate(timer.getId(), new java.util.Date());
		}
	}

	void completeAs(String user, String taskKey, Map<String, Object> variables) {
		for (Task task : engine.getTaskService().createTaskQuery().taskDefinitionKey(taskKey).list()) {
			engine.getIdentityService().setAuthentication(user, List.of("service-account-requesters"));
			try {
				engine.getTaskService().complete(task.getId(), variables);
			}
			finally {
				engine.getIdentityService().clearAuthentication();
			}
		}
	}

}
