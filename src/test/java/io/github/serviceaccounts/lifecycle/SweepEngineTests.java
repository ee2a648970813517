package io.github.serviceaccounts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.Await;
import io.github.serviceaccounts.simulator.Fault;
import io.github.serviceaccounts.simulator.RequestLogEntry;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * The daily sweep in the application, against the embedded ServiceNow: lifecycles started
 * as the product starts them, the sweep started by its timer and run by the job executor
 * (which the engine's guard does not count as "from outside"). The lifecycles' own jobs
 * are held (their job definitions suspended), so that what the simulator sees is the
 * sweep's calls alone.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:sweep;DB_CLOSE_DELAY=-1", "servicenow-simulator.state-file=",
				"servicenow.password=sweep-secret", "servicenow.pacing.calls-per-second=0",
				"serviceaccounts.lifecycle.sweep-page-size=5", "serviceaccounts.retry-intervals=PT1S,PT1S,PT1S",
				"camunda.bpm.job-execution.wait-time-in-millis=100", "camunda.bpm.job-execution.max-wait=500" })
class SweepEngineTests {

	static final String AUTHORIZATION = "Basic "
			+ Base64.getEncoder().encodeToString("integration:sweep-secret".getBytes(StandardCharsets.UTF_8));

	@Autowired
	ProcessEngine engine;

	@Autowired
	ServiceNowSimulator simulator;

	@Autowired
	LifecycleStarter starter;

	@Autowired
	SweepSchedule schedule;

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeEach
	void freshLifecyclesAndInstance() {
		engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(LifecycleProcess.PROCESS_ID)
			.list()
			.forEach(instance -> engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test"));
		engine.getManagementService().suspendJobDefinitionByProcessDefinitionKey(LifecycleProcess.PROCESS_ID, true);
		simulator.faults().clear();
		simulator.reset();
	}

	@Test
	void anOwnerWhoLeftIsToldOnceWithinTheCallBudget() throws Exception {
		String erin = person("erin.leaver");
		seed("svc_keep_", 11, "bob", 1);
		seed("svc_leave_", 1, "erin.leaver", 1);
		governAll("svc_keep_", 11, "bob");
		governAll("svc_leave_", 1, "erin.leaver");
		table("PATCH", "sys_user/" + erin, "{\"active\":\"false\"}");
		int mark = simulator.requestLog().size();

		Map<String, Object> first = sweep();

		assertThat(first).containsEntry("sweepGoverned", 12L)
			.containsEntry("sweepOwnerLeft", 1L)
			.containsEntry("sweepUnused", 0L)
			.containsEntry("sweepMissing", 0L);
		assertThat(waitingFor("svc_leave_00001", LifecycleProcess.Messages.OWNER_LEFT)).isFalse();
		assertThat(jobAt("svc_leave_00001")).isEqualTo(LifecycleProcess.FIND_OWNER_SUCCESSOR);
		assertThat(waitingFor("svc_keep_00001", LifecycleProcess.Messages.OWNER_LEFT)).isTrue();
		// 12 governed accounts in pages of 5: 3 pages; the group's look-up and the
		// identity_type probe come once per application start
		List<String> calls = calls(mark);
		assertThat(calls).endsWith("GET sys_user_grmember", "GET sys_user_grmember", "GET sys_user_grmember");
		assertThat(calls.subList(0, calls.size() - 3)).isSubsetOf("GET sys_user_group", "GET sys_user")
			.hasSizeLessThanOrEqualTo(2);

		mark = simulator.requestLog().size();
		Map<String, Object> second = sweep();

		assertThat(calls(mark)).containsExactly("GET sys_user_grmember", "GET sys_user_grmember",
				"GET sys_user_grmember");
		assertThat(second).containsEntry("sweepOwnerLeft", 0L).containsEntry("sweepBusy", 1L);
		assertThat(timesPassed("svc_leave_00001", LifecycleProcess.OWNER_LEFT)).isEqualTo(1);
	}

	@Test
	void anUnusedAccountStartsItsReviewUnlessReviewedRecently() throws Exception {
		seed("svc_idle_", 2, "bob", 120);
		governAll("svc_idle_", 2, "bob");
		engine.getRuntimeService()
			.setVariable(lifecycleOf("svc_idle_00002"), LifecycleVariables.LAST_REVIEWED_AT.name(),
					Instant.now().minus(Duration.ofDays(10)).toString());

		Map<String, Object> figures = sweep();

		assertThat(figures).containsEntry("sweepUnused", 1L).containsEntry("sweepOwnerLeft", 0L);
		assertThat(timesPassed("svc_idle_00001", LifecycleProcess.ACCOUNT_UNUSED)).isEqualTo(1);
		assertThat(engine.getRuntimeService()
			.getVariable(lifecycleOf("svc_idle_00001"), LifecycleVariables.REVIEW_REASON.name()))
			.isEqualTo(LifecycleVariables.REVIEW_UNUSED);
		assertThat(waitingFor("svc_idle_00002", LifecycleProcess.Messages.ACCOUNT_UNUSED)).isTrue();
	}

	@Test
	void anAccountDeletedOrDeactivatedByHandIsAnIncidentOnItsLifecycleOnce() throws Exception {
		seed("svc_gone_", 3, "bob", 1);
		governAll("svc_gone_", 3, "bob");
		table("DELETE", "sys_user/" + sysId("svc_gone_00001"), null);
		table("PATCH", "sys_user/" + sysId("svc_gone_00002"), "{\"active\":\"false\"}");
		int mark = simulator.requestLog().size();

		Map<String, Object> figures = sweep();
		sweep();

		assertThat(figures).containsEntry("sweepMissing", 2L);
		List<Incident> incidents = engine.getRuntimeService()
			.createIncidentQuery()
			.incidentType(SweepProcess.Incidents.ACCOUNT_MISSING)
			.list();
		assertThat(incidents).hasSize(2);
		assertThat(incidentOf("svc_gone_00001", incidents)).contains("svc_gone_00001", "gone from ServiceNow", "404");
		assertThat(incidentOf("svc_gone_00002", incidents)).contains("svc_gone_00002", "inactive in ServiceNow");
		// in each sweep: the group's one page; the machine identities' one page, looked
		// at for the two accounts not in the group; then one read of each
		assertThat(calls(mark)).containsExactly("GET sys_user_grmember", "GET sys_user", "GET sys_user/{sys_id}",
				"GET sys_user/{sys_id}", "GET sys_user_grmember", "GET sys_user", "GET sys_user/{sys_id}",
				"GET sys_user/{sys_id}");
	}

	@Test
	void aFailedOrRateLimitedPageIsRetriedAndTellsTheLifecycleOnce() throws Exception {
		String fay = person("fay.leaver");
		seed("svc_retry_", 7, "fay.leaver", 1);
		governAll("svc_retry_", 7, "fay.leaver");
		table("PATCH", "sys_user/" + fay, "{\"active\":\"false\"}");
		// the second page fails twice: after the first page was read, nobody has been
		// told
		simulator.faults().failNext(1, Fault.SERVICE_UNAVAILABLE, "GET", "sys_user_grmember");
		simulator.faults().failNext(1, Fault.RATE_LIMITED, "GET", "sys_user_grmember");

		Map<String, Object> figures = sweep();

		assertThat(figures).containsEntry("sweepOwnerLeft", 7L);
		assertThat(simulator.requestLog().stream().filter(call -> call.fault() != null).count()).isGreaterThan(0);
		for (int i = 1; i <= 7; i++) {
			assertThat(timesPassed(String.format("svc_retry_%05d", i), LifecycleProcess.OWNER_LEFT)).isEqualTo(1);
		}
	}

	@Test
	void aChangedScheduleMovesTheWaitingTimerWhenTheApplicationStarts() {
		Job timer = sweepTimer();
		// as an earlier start with serviceaccounts.lifecycle.sweep=R/PT1H left it
		Date inAnHour = Date.from(Instant.now().plus(Duration.ofHours(1)));
		((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
			.execute(context -> {
				TimerEntity entity = (TimerEntity) context.getJobManager().findJobById(timer.getId());
				entity.setRepeat("R/2026-01-01T00:00:00/PT1H");
				entity.setDuedate(inAnHour);
				return null;
			});

		schedule.applySetting();

		Job moved = sweepTimer();
		assertThat(moved.getDuedate()).isEqualTo(SweepSettingCheck.check("0 0 2 * * ?"));
		assertThat(((TimerEntity) moved).getRepeat()).isEqualTo("0 0 2 * * ?");
		schedule.applySetting();
		assertThat(sweepTimer().getDuedate()).as("unchanged when it follows the setting").isEqualTo(moved.getDuedate());
	}

	Job sweepTimer() {
		return engine.getManagementService()
			.createJobQuery()
			.processDefinitionKey(SweepProcess.PROCESS_ID)
			.timers()
			.singleResult();
	}

	// --- the sweep

	/** Fires the sweep's timer now and waits until the job executor has run the sweep. */
	@Test
	void aSweepThatCannotReadServiceNowIsAnIncidentThatNamesTheSweep() throws Exception {
		seed("svc_dark_", 1, "bob", 1);
		governAll("svc_dark_", 1, "bob");
		simulator.faults().configure(io.github.serviceaccounts.simulator.FaultPlan.NONE.withErrors(1.0, 500));
		try {
			startSweep();
			Await.waitFor("the sweep's incident", Duration.ofSeconds(60),
					() -> engine.getRuntimeService()
						.createIncidentQuery()
						.processDefinitionKeyIn(SweepProcess.PROCESS_ID)
						.count() > 0);
			Incident incident = engine.getRuntimeService()
				.createIncidentQuery()
				.processDefinitionKeyIn(SweepProcess.PROCESS_ID)
				.singleResult();
			assertThat(incident.getIncidentMessage()).as("a sweep is about no one account: named by its process")
				.startsWith("\"Sweep governed accounts\" failed in \"Daily sweep of governed accounts\" "
						+ incident.getProcessInstanceId() + ": ")
				.contains("500");
			engine.getRuntimeService().deleteProcessInstance(incident.getProcessInstanceId(), "test");
		}
		finally {
			simulator.faults().clear();
		}
	}

	/** Makes the sweep's timer fire now: one sweep starts. */
	void startSweep() {
		Job timer = engine.getManagementService()
			.createJobQuery()
			.processDefinitionKey(SweepProcess.PROCESS_ID)
			.timers()
			.singleResult();
		engine.getManagementService().executeJob(timer.getId());
	}

	Map<String, Object> sweep() throws InterruptedException {
		long before = finishedSweeps();
		startSweep();
		Await.waitFor("the sweep", Duration.ofSeconds(60), () -> finishedSweeps() > before);
		HistoricProcessInstance last = engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey(SweepProcess.PROCESS_ID)
			.finished()
			.orderByProcessInstanceEndTime()
			.desc()
			.listPage(0, 1)
			.get(0);
		return engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(last.getId())
			.list()
			.stream()
			.collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
	}

	long finishedSweeps() {
		return engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processDefinitionKey(SweepProcess.PROCESS_ID)
			.finished()
			.count();
	}

	// --- lifecycles

	void governAll(String prefix, int count, String owner) {
		IntStream.rangeClosed(1, count)
			.mapToObj(i -> String.format("%s%05d", prefix, i))
			.forEach(name -> starter.govern(name, sysId(name), owner, LifecycleVariables.ORIGIN_ADOPTION));
	}

	String lifecycleOf(String account) {
		return LifecycleStarter.governing(engine.getRuntimeService(), account).orElseThrow().getId();
	}

	boolean waitingFor(String account, String message) {
		return engine.getRuntimeService()
			.createEventSubscriptionQuery()
			.processInstanceId(lifecycleOf(account))
			.eventName(message)
			.count() == 1;
	}

	String jobAt(String account) {
		return engine.getManagementService()
			.createJobQuery()
			.processInstanceId(lifecycleOf(account))
			.singleResult()
			.getFailedActivityId() == null
					? engine.getRuntimeService()
						.createExecutionQuery()
						.processInstanceId(lifecycleOf(account))
						.activityId(LifecycleProcess.FIND_OWNER_SUCCESSOR)
						.count() == 1 ? LifecycleProcess.FIND_OWNER_SUCCESSOR : "elsewhere"
					: "failed";
	}

	long timesPassed(String account, String activityId) {
		return engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.processInstanceId(lifecycleOf(account))
			.activityId(activityId)
			.count();
	}

	String incidentOf(String account, List<Incident> incidents) {
		String lifecycle = lifecycleOf(account);
		return incidents.stream()
			.filter(incident -> incident.getProcessInstanceId().equals(lifecycle))
			.findFirst()
			.orElseThrow()
			.getIncidentMessage();
	}

	// --- ServiceNow

	String sysId(String userName) {
		return simulator.findRecord("sys_user", "user_name", userName).orElseThrow().get("sys_id");
	}

	String person(String userName) throws Exception {
		HttpResponse<String> created = table("POST", "sys_user",
				"{\"user_name\":\"" + userName + "\",\"first_name\":\"Leaving\",\"last_name\":\"Person\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		return sysId(userName);
	}

	void seed(String prefix, int count, String owner, int lastLoginDaysAgo) throws Exception {
		HttpResponse<String> seeded = send("POST", "/seed-accounts",
				"{\"count\":" + count + ",\"prefix\":\"" + prefix + "\",\"owner\":\"" + owner
						+ "\",\"lastLoginDaysAgo\":" + lastLoginDaysAgo
						+ ",\"createdDaysAgo\":400,\"group\":\"ServiceNow Service Accounts\"}");
		assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(200);
	}

	HttpResponse<String> table(String method, String path, String body) throws Exception {
		HttpResponse<String> response = send(method, "/api/now/v2/table/" + path, body);
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
		return response;
	}

	HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + ServiceNowSimulator.PATH_PREFIX + path))
			.header("Authorization", AUTHORIZATION)
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The Table API calls since {@code mark}: method and table. */
	List<String> calls(int mark) {
		List<RequestLogEntry> log = simulator.requestLog();
		return log.subList(mark, log.size())
			.stream()
			.filter(call -> call.path().contains("/api/now/"))
			.map(call -> call.method() + " " + call.path().replaceAll(".*/table/([a-z_]+).*", "$1")
					+ (call.path().matches(".*/table/[a-z_]+/[0-9a-f]{32}.*") ? "/{sys_id}" : ""))
			.toList();
	}

}
