package io.github.serviceaccounts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.RequestDriver;
import io.github.serviceaccounts.lifecycle.LifecycleProcess;
import io.github.serviceaccounts.lifecycle.RetireProcess;
import io.github.serviceaccounts.request.RequestProcess;

/**
 * History retention for an audit, with Camunda's own history cleanup run years ahead: a
 * live account's story stays whatever its age, a retired account's whole story stays for
 * the retention after it retired and then goes, a request that never became an account
 * goes after the models' seven years. The job executor is off: the test runs each job
 * itself, so that no timer fires while the clock is moved. It also measures the history
 * rows one account writes (printed as "history rows: ...").
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:audit-retention;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "serviceaccounts.mail.outbox=",
				"camunda.bpm.job-execution.enabled=false" })
class AuditRetentionTests {

	static final String[] HISTORY_TABLES = { "ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
			"ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_JOB_LOG", "ACT_HI_INCIDENT",
			"ACT_HI_COMMENT" };

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	TaskService taskService;

	@Autowired
	HistoryService historyService;

	@Autowired
	ManagementService managementService;

	@Autowired
	IdentityService identityService;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RetentionAtStart atStart;

	@AfterEach
	void realTime() {
		ClockUtil.reset();
	}

	@Test
	void aLiveAccountsStoryIsNeverRemovedARetiredOnesGoesAfterTheRetention() {
		provision("svc_audit_live");
		provision("svc_audit_retired");
		String rejected = start("svc_audit_rejected");
		runJobs();
		complete("bob", RequestProcess.APPROVE_SERVICE_ACCOUNT, rejected,
				Map.of("approved", false, "approvalComment", "Use the existing Jira account"));
		runJobs();

		assertThat(removalTimes("svc_audit_live")).as("a governed account's history has no removal time")
			.hasSize(2)
			.containsOnlyNulls();
		assertThat(rowsWithoutRemovalTime("svc_audit_rejected")).as("a rejected request has one").isZero();

		// an installation from before: the request of a live account ended with 180 days
		historyService.setRemovalTimeToHistoricProcessInstances()
			.absoluteRemovalTime(Date.from(Instant.now().plusSeconds(180L * 86400)))
			.byQuery(historyService.createHistoricProcessInstanceQuery()
				.processInstanceBusinessKey("svc_audit_live")
				.finished())
			.hierarchical()
			.executeAsync();
		runJobs();
		assertThat(removalTimes("svc_audit_live")).as("the finished request")
			.filteredOn(java.util.Objects::nonNull)
			.hasSize(1);
		atStart.bringInLine();
		runJobs();
		assertThat(removalTimes("svc_audit_live")).as("brought in line at the next start").containsOnlyNulls();

		Map<String, Long> provisioned = rows("svc_audit_live");
		System.out.println("history rows: one provisioned account (request + lifecycle start): " + provisioned + " = "
				+ total(provisioned));
		review("svc_audit_live");
		Map<String, Long> reviewed = rows("svc_audit_live");
		System.out.println("history rows: the same after one periodic review (kept): " + reviewed + " = "
				+ total(reviewed) + ", so " + (total(reviewed) - total(provisioned)) + " rows per review");
		assertThat(removalTimes("svc_audit_live")).containsOnlyNulls();

		Map<String, Long> beforeRetirement = rows("svc_audit_retired");
		retire("svc_audit_retired");
		Instant retiredAt = Instant.now();
		System.out.println("history rows: a retirement (asked by the owner, grace period over) adds "
				+ (total(rows("svc_audit_retired")) - total(beforeRetirement)) + " rows");
		List<Date> retired = removalTimes("svc_audit_retired");
		assertThat(retired).as("request, lifecycle and the retirement request").hasSize(3).doesNotContainNull();
		Instant sevenYears = retiredAt.atZone(ZoneOffset.UTC).plusYears(7).toInstant();
		assertThat(retired).allSatisfy(time -> assertThat(time.toInstant()).isBetween(sevenYears.minusSeconds(3600),
				sevenYears.plusSeconds(3600)));
		assertThat(rowsWithoutRemovalTime("svc_audit_retired")).as("every row of the story, not only the instances")
			.isZero();

		cleanUpHistoryAt(retiredAt.atZone(ZoneOffset.UTC).plusYears(6).toInstant());
		assertThat(total(rows("svc_audit_retired"))).as("six years after it retired: all of it").isPositive();
		assertThat(removalTimes("svc_audit_retired")).hasSize(3);
		assertThat(removalTimes("svc_audit_rejected")).as("a rejected request: under seven years").hasSize(1);

		cleanUpHistoryAt(retiredAt.atZone(ZoneOffset.UTC).plusYears(10).toInstant());
		assertThat(total(rows("svc_audit_retired"))).as("ten years after it retired: none of it").isZero();
		assertThat(removalTimes("svc_audit_rejected")).as("a rejected request after seven years").isEmpty();
		assertThat(rows("svc_audit_live")).as("ten years on, a live account's story is whole").isEqualTo(reviewed);
	}

	void provision(String account) {
		String request = start(account);
		runJobs();
		complete("bob", RequestProcess.APPROVE_SERVICE_ACCOUNT, request,
				Map.of("approved", true, "approvalComment", "Fine"));
		runJobs();
		complete("alice", RequestProcess.VALIDATE_SERVICE_ACCOUNT, request, Map.of("validationOutcome", "callsWork"));
		runJobs();
		assertThat(lifecycle(account)).as("the lifecycle of " + account).isNotNull();
	}

	String start(String account) {
		identityService.setAuthentication("alice", List.of("service-account-requesters"));
		try {
			return runtimeService.startProcessInstanceByKey(RequestProcess.PROCESS_ID, RequestDriver.request(account))
				.getId();
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	void review(String account) {
		String lifecycle = lifecycle(account);
		executeTimer(lifecycle, LifecycleProcess.REVIEW_DUE);
		runJobs();
		complete("alice", LifecycleProcess.REVIEW_SERVICE_ACCOUNT, lifecycle,
				Map.of("reviewOutcome", "keep", "reviewComment", "Still syncs Jira"));
		runJobs();
	}

	void retire(String account) {
		String lifecycle = lifecycle(account);
		identityService.setAuthentication("alice", List.of("service-account-requesters"));
		try {
			Map<String, Object> ask = new HashMap<>();
			ask.put("accountUserName", account);
			ask.put("retirementReason", "The Jira sync moved to the cloud");
			runtimeService.startProcessInstanceByKey(RetireProcess.PROCESS_ID, ask);
		}
		finally {
			identityService.clearAuthentication();
		}
		runJobs();
		executeTimer(lifecycle, LifecycleProcess.RETIREMENT_GRACE_OVER);
		runJobs();
		assertThat(lifecycle(account)).as("retired").isNull();
	}

	void complete(String user, String taskKey, String processInstanceId, Map<String, Object> variables) {
		Task task = taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(taskKey)
			.singleResult();
		assertThat(task).as(taskKey).isNotNull();
		identityService.setAuthentication(user, List.of("service-account-requesters"));
		try {
			taskService.complete(task.getId(), variables);
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	void executeTimer(String processInstanceId, String activityId) {
		Job timer = managementService.createJobQuery()
			.processInstanceId(processInstanceId)
			.timers()
			.activityId(activityId)
			.singleResult();
		assertThat(timer).as(activityId).isNotNull();
		managementService.executeJob(timer.getId());
	}

	/** Runs every job that is due now (steps, mails, batches) until none is left. */
	void runJobs() {
		for (int round = 0; round < 200; round++) {
			List<Job> due = managementService.createJobQuery().executable().list();
			if (due.isEmpty()) {
				return;
			}
			for (Job job : due) {
				managementService.executeJob(job.getId());
			}
		}
		throw new AssertionError("jobs kept coming: " + managementService.createJobQuery().executable().list());
	}

	void cleanUpHistoryAt(Instant when) {
		ClockUtil.setCurrentTime(Date.from(when));
		try {
			Job cleanup = historyService.cleanUpHistoryAsync(true);
			managementService.executeJob(cleanup.getId());
		}
		finally {
			ClockUtil.reset();
		}
	}

	String lifecycle(String account) {
		return runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(LifecycleProcess.PROCESS_ID)
			.processInstanceBusinessKey(account)
			.list()
			.stream()
			.map(instance -> instance.getId())
			.findFirst()
			.orElse(null);
	}

	List<Date> removalTimes(String account) {
		return historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(account)
			.list()
			.stream()
			.map(HistoricProcessInstance::getRemovalTime)
			.toList();
	}

	/** History rows of the account's instances, by table. */
	Map<String, Long> rows(String account) {
		Map<String, Long> rows = new java.util.LinkedHashMap<>();
		for (String table : HISTORY_TABLES) {
			rows.put(table,
					jdbc.queryForObject(
							"SELECT COUNT(*) FROM " + table + " WHERE ROOT_PROC_INST_ID_ IN "
									+ "(SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ?)",
							Long.class, account));
		}
		return rows;
	}

	long rowsWithoutRemovalTime(String account) {
		long rows = 0;
		for (String table : HISTORY_TABLES) {
			rows += jdbc.queryForObject(
					"SELECT COUNT(*) FROM " + table + " WHERE REMOVAL_TIME_ IS NULL AND "
							+ "ROOT_PROC_INST_ID_ IN (SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ?)",
					Long.class, account);
		}
		return rows;
	}

	static long total(Map<String, Long> rows) {
		return rows.values().stream().mapToLong(Long::longValue).sum();
	}

}
