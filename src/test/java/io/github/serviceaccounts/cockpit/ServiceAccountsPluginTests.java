package io.github.serviceaccounts.cockpit;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.EngineRestCalls.bool;
import static io.github.serviceaccounts.EngineRestCalls.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.EngineRestCalls;
import io.github.serviceaccounts.lifecycle.LifecycleProcess;
import io.github.serviceaccounts.lifecycle.RetireProcess;
import io.github.serviceaccounts.request.RequestProcess;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * The plugin's API over real HTTP, with web app sessions as Cockpit and Tasklist make
 * them: alice requests svc_story_one (bob approves it with a comment), which is governed;
 * then who sees what, and what bad input and odd paths get.
 */
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:cockpit-plugin;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "spring.mail.host=127.0.0.1",
				"spring.mail.port=" + ServiceAccountsPluginTests.SMTP_PORT, "serviceaccounts.retry-intervals=PT1S",
				"camunda.bpm.job-execution.wait-time-in-millis=200", "camunda.bpm.job-execution.max-wait=500" })
class ServiceAccountsPluginTests {

	static final int SMTP_PORT = 3931;

	static final String API = "/camunda/api/cockpit/plugin/serviceAccounts/default";

	static final String ACCOUNT = "svc_story_one";

	static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtimeService;

	@Autowired
	IdentityService identityService;

	@Autowired
	HistoryService historyService;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Autowired
	ServiceNowSimulator simulator;

	CockpitWebSession web;

	@BeforeEach
	void session() {
		web = new CockpitWebSession(port);
	}

	@BeforeAll
	void aGovernedAccountAndAStranger() throws Exception {
		provision(ACCOUNT);
		if (identityService.createUserQuery().userId("erin").count() == 0) {
			User erin = identityService.newUser("erin");
			erin.setPassword("demo");
			identityService.saveUser(erin);
			identityService.createMembership("erin", "service-account-requesters");
		}
	}

	@Test
	@Order(1)
	void theInventoryShowsTheGovernedAccountWithItsOwnerStateAndNextReview() throws Exception {
		JsonNode page = ok(web.get("admin", API + "/accounts?owner=alice"));
		JsonNode row = find(page, ACCOUNT);
		assertThat(row.path("owner").asText()).isEqualTo("alice");
		assertThat(row.path("state").asText()).isEqualTo("live");
		assertThat(row.path("nextReview").asText()).as("the reviewDue timer").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(row.path("openTasks").asLong()).isZero();
		assertThat(row.path("openIncidents").asLong()).isZero();

		assertThat(ok(web.get("admin", API + "/accounts?state=retired")).path("accounts").findValuesAsText("account"))
			.doesNotContain(ACCOUNT);
		assertThat(ok(web.get("admin", API + "/accounts?state=live")).path("accounts").findValuesAsText("account"))
			.contains(ACCOUNT);
		assertThat(ok(web.get("admin", API + "/accounts?unusedDays=30")).path("accounts").findValuesAsText("account"))
			.as("governed today: not unused for 30 days")
			.doesNotContain(ACCOUNT);
		assertThat(ok(web.get("admin", API + "/accounts?unusedDays=0&state=hand-over%20pending")).path("total").asInt())
			.isZero();
	}

	@Test
	@Order(2)
	void theStoryNamesTheRequesterTheApproverAndTheApprovalComment() throws Exception {
		JsonNode story = ok(web.get("carol", API + "/accounts/" + ACCOUNT));
		assertThat(story.path("owner").asText()).isEqualTo("alice");
		JsonNode instances = story.path("instances");
		assertThat(instances.get(0).path("process").asText()).as("oldest first").isEqualTo(RequestProcess.PROCESS_ID);
		assertThat(instances.findValuesAsText("process")).contains(LifecycleProcess.PROCESS_ID);
		JsonNode start = step(instances.get(0), RequestProcess.SERVICE_ACCOUNT_REQUESTED);
		assertThat(start.path("by").asText()).isEqualTo("alice");
		assertThat(start.path("fields").path("purpose").asText())
			.isEqualTo("Jira calls the Table API to sync incidents");
		JsonNode approval = step(instances.get(0), RequestProcess.APPROVE_SERVICE_ACCOUNT);
		assertThat(approval.path("by").asText()).isEqualTo("bob");
		assertThat(approval.path("outcome").asText()).isEqualTo("approved: true");
		assertThat(approval.path("comment").asText()).isEqualTo("Fine for the Jira sync");
		JsonNode validation = step(instances.get(0), RequestProcess.VALIDATE_SERVICE_ACCOUNT);
		assertThat(validation.path("by").asText()).isEqualTo("alice");
		assertThat(validation.path("outcome").asText()).isEqualTo("validationOutcome: callsWork");
		assertThat(instances.get(0).path("name").asText()).isEqualTo("Service account request");
		assertThat(step(instances.get(0), RequestProcess.SERVICE_ACCOUNT_PROVISIONED).has("canceled"))
			.as("the end event was reached, not cancelled")
			.isFalse();

		assertThat(story.has("serviceNow")).as("ServiceNow is read by a call of its own").isFalse();
		JsonNode serviceNow = ok(web.get("carol", API + "/accounts/" + ACCOUNT + "/servicenow"));
		assertThat(serviceNow.path("found").asBoolean()).isTrue();
		assertThat(serviceNow.path("manager").asText()).isEqualTo("alice");
		assertThat(serviceNow.path("webServiceAccessOnly").asBoolean()).isTrue();
		assertThat(serviceNow.path("differences").size()).as(serviceNow.toString()).isZero();
	}

	@Test
	@Order(3)
	void aGroupAddedByHandInServiceNowIsPointedOut() throws Exception {
		String account = simulator.findRecord("sys_user", "user_name", ACCOUNT).orElseThrow().get("sys_id");
		String cmdb = simulator.findRecord("sys_user_group", "name", "CMDB Read Access").orElseThrow().get("sys_id");
		simulator.insert("sys_user_grmember", Map.of("user", account, "group", cmdb));
		JsonNode now = ok(web.get("admin", API + "/accounts/" + ACCOUNT + "/servicenow"));
		assertThat(now.path("groups").toString()).contains("CMDB Read Access");
		assertThat(now.path("differences").toString())
			.contains("In group 'CMDB Read Access', which the product never granted (added by hand?)");
	}

	@Test
	@Order(3)
	void whenServiceNowFailsTheStoryIsStillToldAndSaysSo() throws Exception {
		simulator.faults().configure(io.github.serviceaccounts.simulator.FaultPlan.NONE.withErrors(1.0, 500));
		try {
			JsonNode story = ok(web.get("admin", API + "/accounts/" + ACCOUNT));
			assertThat(story.path("instances").size()).isPositive();
			JsonNode now = ok(web.get("admin", API + "/accounts/" + ACCOUNT + "/servicenow"));
			assertThat(now.path("error").asText()).startsWith("ServiceNow could not be read: ");
			assertThat(now.has("differences")).isFalse();
		}
		finally {
			simulator.faults().clear();
		}
	}

	@Test
	@Order(4)
	void theOwnerAndTheirManagerSeeTheAccountAStrangerNothing() throws Exception {
		assertThat(find(ok(web.get("alice", API + "/accounts")), ACCOUNT)).as("the owner").isNotNull();
		ok(web.get("alice", API + "/accounts/" + ACCOUNT));
		assertThat(find(ok(web.get("bob", API + "/accounts")), ACCOUNT)).as("alice reports to bob").isNotNull();
		ok(web.get("bob", API + "/accounts/" + ACCOUNT));

		HttpResponse<String> inventory = web.get("erin", API + "/accounts");
		assertThat(inventory.statusCode()).as(inventory.body()).isEqualTo(403);
		assertThat(inventory.body()).contains("You (erin) own no service account").doesNotContain(ACCOUNT);
		assertThat(web.get("erin", API + "/accounts.csv").statusCode()).isEqualTo(403);
		HttpResponse<String> story = web.get("erin", API + "/accounts/" + ACCOUNT);
		assertThat(story.statusCode()).isEqualTo(403);
		assertThat(story.body()).doesNotContain("alice").doesNotContain("Jira");
		HttpResponse<String> live = web.get("erin", API + "/accounts/" + ACCOUNT + "/servicenow");
		assertThat(live.statusCode()).as("ServiceNow live: the same rules").isEqualTo(403);
		assertThat(live.body()).doesNotContain("alice");
		ok(web.get("bob", API + "/accounts/" + ACCOUNT + "/servicenow"));
		assertThat(web.get("erin", API + "/accounts/svc_nobody_knows").statusCode())
			.as("no oracle: a stranger cannot tell whether an account exists")
			.isEqualTo(403);
	}

	@Test
	@Order(4)
	void aManagersReportsAreReadInServiceNowOnceAMinuteAndOwnersThroughTheProductsIndex() throws Exception {
		ok(web.get("bob", API + "/accounts"));
		int mark = simulator.requestLog().size();
		ok(web.get("bob", API + "/accounts"));
		ok(web.get("bob", API + "/accounts/" + ACCOUNT));
		assertThat(simulator.requestLog().subList(mark, simulator.requestLog().size()))
			.as("who reports to bob is known for a minute")
			.noneMatch(call -> call.path().contains("/table/sys_user"));

		String database = jdbc.getDataSource().getConnection().getMetaData().getDatabaseProductName();
		long indexes = database.toLowerCase(java.util.Locale.ROOT).contains("postgres")
				? jdbc.queryForObject("SELECT COUNT(*) FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
						+ "WHERE c.relname = 'sa_idx_hi_detail_owner' AND i.indisvalid", Long.class)
				: jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES "
						+ "WHERE INDEX_NAME = 'SA_IDX_HI_DETAIL_OWNER'", Long.class);
		assertThat(indexes).as("the owners' index in the history, on " + database).isEqualTo(1);
	}

	@Test
	@Order(5)
	void withoutASessionNothingAnswers() throws Exception {
		for (String path : List.of(API + "/accounts", API + "/accounts.csv", API + "/accounts/" + ACCOUNT,
				API + "/accounts/" + ACCOUNT + "/servicenow")) {
			HttpResponse<String> answer = web.get(null, path);
			assertThat(answer.statusCode()).as(path).isIn(401, 403);
			assertThat(answer.body()).as(path).doesNotContain("alice");
		}
	}

	@Test
	@Order(6)
	void badInputAnswers400NamingTheFieldAndTheRule() throws Exception {
		expect(400, "owner: 'a^b' is not a ServiceNow user name", web.get("admin", API + "/accounts?owner=a%5Eb"));
		expect(400, "state: 'sleeping' is not a state; use one of: requested, live",
				web.get("admin", API + "/accounts?state=sleeping"));
		expect(400, "unusedDays: '-1' must be a whole number from 0 to 36500",
				web.get("admin", API + "/accounts?unusedDays=-1"));
		expect(400, "unusedDays: 'ten' must be a whole number", web.get("admin", API + "/accounts?unusedDays=ten"));
		expect(400, "sortBy: 'password' is not sortable", web.get("admin", API + "/accounts?sortBy=password"));
		expect(400, "sortOrder: 'up' must be asc or desc", web.get("admin", API + "/accounts?sortOrder=up"));
		expect(400, "maxResults: '5000' must be a whole number from 1 to 1000",
				web.get("admin", API + "/accounts?maxResults=5000"));
		expect(400, "account: 'svc story' is not a ServiceNow user name",
				web.get("admin", API + "/accounts/svc%20story"));
		expect(400, "account: 'svc_a^active=true' is not a ServiceNow user name",
				web.get("admin", API + "/accounts/svc_a%5Eactive=true"));
		expect(404, "No process instance has the business key 'svc_never_was'",
				web.get("admin", API + "/accounts/svc_never_was"));
		expect(404, "No process instance has the business key 'svc_never_was'",
				web.get("admin", API + "/accounts/svc_never_was/servicenow"));
		expect(400, "account: 'svc_a^active=true' is not a ServiceNow user name",
				web.get("admin", API + "/accounts/svc_a%5Eactive=true/servicenow"));
	}

	@Test
	@Order(7)
	void oddPathsReachTheSameRulesOrNothing() throws Exception {
		// percent-encoded letters decode to the same account: the same rules apply
		assertThat(web.get("erin", API + "/accounts/svc%5Fstory%5Fone").statusCode()).isEqualTo(403);
		assertThat(web.get("bob", API + "/accounts/svc%5Fstory%5Fone").statusCode()).isEqualTo(200);
		HttpResponse<String> slash = web.get("erin", API + "/accounts/" + ACCOUNT + "/");
		assertThat(slash.statusCode()).as(slash.body()).isIn(403, 404);
		assertThat(slash.body()).doesNotContain("alice");
		assertThat(web.get("erin", API + "/accounts/").statusCode()).isIn(403, 404);
		assertThat(web.get("erin", "/camunda/api/cockpit/plugin/serviceAccounts/default//accounts").statusCode())
			.isIn(400, 403, 404);
		HttpResponse<String> otherEngine = web.get("admin",
				"/camunda/api/cockpit/plugin/serviceAccounts/other/accounts");
		assertThat(otherEngine.statusCode()).isIn(401, 403, 404);
		assertThat(otherEngine.body()).doesNotContain(ACCOUNT);
	}

	@Test
	@Order(8)
	void theCsvHoldsTheFilteredRowsWithFormulasDefused() throws Exception {
		HttpResponse<String> csv = web.get("admin", API + "/accounts.csv?owner=alice&sortBy=state&sortOrder=desc");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(csv.body()).startsWith("account,owner,owner's manager,state,last use,next review,open tasks")
			.contains("\"" + ACCOUNT + "\",\"alice\",")
			.contains("\"live\"");
		assertThat(AccountsResource.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
	}

	String provision(String account) throws Exception {
		return provision(account, "alice", "bob");
	}

	/** A governed account that the requester asked for and their manager approved. */
	String provision(String account, String requester, String manager) throws Exception {
		EngineRestCalls rest = new EngineRestCalls(port);
		String request = rest.start(requester, RequestProcess.PROCESS_ID,
				Map.of("accountUserName", string(account), "displayName", string("Jira sync"), "purpose",
						string("Jira calls the Table API to sync incidents"), "accountEmail", string(""),
						"additionalGroups", string("")));
		rest.complete(manager, rest.awaitTask(request, RequestProcess.APPROVE_SERVICE_ACCOUNT),
				Map.of("approved", bool(true), "approvalComment", string("Fine for the Jira sync")));
		rest.complete(requester, rest.awaitTask(request, RequestProcess.VALIDATE_SERVICE_ACCOUNT),
				Map.of("validationOutcome", string("callsWork")));
		String[] lifecycle = new String[1];
		waitFor("the account's lifecycle", Duration.ofSeconds(60), () -> {
			var instance = runtimeService.createProcessInstanceQuery()
				.processDefinitionKey(LifecycleProcess.PROCESS_ID)
				.processInstanceBusinessKey(account)
				.singleResult();
			lifecycle[0] = instance == null ? null : instance.getId();
			return instance != null;
		});
		return lifecycle[0];
	}

	@Test
	@Order(9)
	void anOwnerOpensCockpitAndFindsTheirOwnAndNothingOfAnyoneElse() throws Exception {
		String bobs = "svc_story_bob";
		provision(bobs, "bob", "carol");

		JsonNode alice = ok(web.get("alice", "/camunda/api/admin/auth/user/default"));
		assertThat(JSON.convertValue(alice.path("authorizedApps"), List.class)).as("a requester may open Cockpit")
			.contains("tasklist", "cockpit")
			.doesNotContain("admin");
		assertThat(web.get("alice", "/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
		assertThat(ok(web.get("alice", API + "/accounts")).path("accounts").findValuesAsText("account"))
			.as("the Service accounts page: her own")
			.contains(ACCOUNT)
			.doesNotContain(bobs);
		assertThat(web.get("alice", API + "/accounts/" + bobs).statusCode()).isEqualTo(403);
		assertThat(ok(web.get("bob", API + "/accounts")).path("accounts").findValuesAsText("account"))
			.as("bob: his own, and alice's, who reports to him")
			.contains(bobs, ACCOUNT);

		// Cockpit's own views, through the engine API as Cockpit calls it: her requests
		// only
		java.util.Set<String> hers = new java.util.HashSet<>(historyService.createHistoricProcessInstanceQuery()
			.startedBy("alice")
			.list()
			.stream()
			.map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId)
			.toList());
		String engine = "/camunda/api/engine/engine/default";
		assertThat(ok(web.get("alice", engine + "/history/process-instance")).findValuesAsText("id"))
			.as("history: her requests")
			.isNotEmpty()
			.allMatch(hers::contains);
		assertThat(ok(web.get("alice", engine + "/process-instance")).findValuesAsText("id")).allMatch(hers::contains);
		assertThat(ok(web.get("alice", engine + "/process-instance?businessKey=" + bobs))).isEmpty();
		assertThat(ok(web.get("alice", engine + "/history/process-instance?processInstanceBusinessKey=" + bobs)))
			.isEmpty();
		assertThat(ok(web.get("alice", engine + "/history/task")).findValuesAsText("processInstanceId"))
			.as("the tasks of her requests, no other")
			.allMatch(hers::contains);
		JsonNode jobs = ok(web.get("alice", engine + "/job"));
		assertThat(jobs.findValuesAsText("processInstanceId")).as(jobs.toString())
			.allMatch(id -> "null".equals(id) || hers.contains(id));
		assertThat(jobs.findValuesAsText("processDefinitionKey"))
			.as("only the engine's own jobs, which belong to no process (history cleanup)")
			.allMatch("null"::equals);
		for (String none : List.of("/task", "/incident", "/deployment", "/history/incident",
				"/history/variable-instance?processInstanceIdIn=" + lifecycleOf(bobs),
				"/variable-instance?processInstanceIdIn=" + lifecycleOf(bobs))) {
			assertThat(ok(web.get("alice", engine + none))).as(none).isEmpty();
		}
		assertThat(ok(web.get("alice", engine + "/process-definition")).findValuesAsText("key"))
			.as("the processes she may start, no other")
			.containsExactlyInAnyOrder(RequestProcess.PROCESS_ID, RetireProcess.PROCESS_ID);

		// Cockpit's base plugin (its dashboard and process views)
		String base = "/camunda/api/cockpit/plugin/base/default";
		JsonNode statistics = ok(web.get("alice", base + "/process-definition/statistics"));
		assertThat(statistics.findValuesAsText("key")).as(statistics.toString())
			.allMatch(key -> key.equals(RequestProcess.PROCESS_ID) || key.equals(RetireProcess.PROCESS_ID));
		String lifecycleDefinition = repositoryService.createProcessDefinitionQuery()
			.processDefinitionKey(LifecycleProcess.PROCESS_ID)
			.latestVersion()
			.singleResult()
			.getId();
		assertThat(ok(web.post("alice", base + "/process-instance",
				"{\"processDefinitionId\":\"" + lifecycleDefinition + "\"}")))
			.as("no lifecycle, not even her account's: the engine runs those")
			.isEmpty();
		assertThat(ok(web.post("alice", base + "/process-instance/count",
				"{\"processDefinitionId\":\"" + lifecycleDefinition + "\"}"))
			.path("count")
			.asLong()).isZero();
		assertThat(ok(web.post("alice", base + "/incident", "{}"))).isEmpty();
		assertThat(ok(web.post("carol", base + "/process-instance/count",
				"{\"processDefinitionId\":\"" + lifecycleDefinition + "\"}"))
			.path("count")
			.asLong()).as("a fallback approver sees every lifecycle").isGreaterThanOrEqualTo(2);
	}

	@Test
	@Order(11)
	void anOwnerWhoNeverRequestedSeesTheAccountWhileTheyOwnItAndAfterwards() throws Exception {
		String account = "svc_story_three";
		String carol = simulator.findRecord("sys_user", "user_name", "carol").orElseThrow().get("sys_id");
		if (simulator.findRecord("sys_user", "user_name", "erin").isEmpty()) {
			simulator.insert("sys_user", Map.of("user_name", "erin", "first_name", "Erin", "last_name", "Example",
					"email", "erin@example.com", "manager", carol, "active", "true"));
		}
		String lifecycle = provision(account);
		assertThat(web.get("erin", API + "/accounts/" + account).statusCode()).as("not hers yet").isEqualTo(403);

		handOver(lifecycle, account, "alice", "bob", "erin", () -> {
		});
		assertThat(find(ok(web.get("erin", API + "/accounts")), account).path("owner").asText())
			.as("erin owns it, though she never requested it")
			.isEqualTo("erin");
		ok(web.get("erin", API + "/accounts/" + account));

		handOver(lifecycle, account, "erin", "carol", "bob", () -> {
		});
		JsonNode row = find(ok(web.get("erin", API + "/accounts")), account);
		assertThat(row).as("erin owned it").isNotNull();
		assertThat(row.path("owner").asText()).isEqualTo("bob");
		JsonNode story = ok(web.get("erin", API + "/accounts/" + account));
		assertThat(story.path("owner").asText()).isEqualTo("bob");
		assertThat(story.path("instances").findValuesAsText("by")).contains("alice", "bob", "erin", "carol");
		assertThat(web.get("erin", API + "/accounts/" + ACCOUNT).statusCode())
			.as("alice's other account: erin never owned it")
			.isEqualTo(403);
	}

	private String lifecycleOf(String account) {
		return runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(LifecycleProcess.PROCESS_ID)
			.processInstanceBusinessKey(account)
			.singleResult()
			.getId();
	}

	@Test
	@Order(10)
	void afterAHandOverTheFormerOwnerStillSeesTheAccountAndTheStoryNamesWhoNamedAndWhoAccepted() throws Exception {
		String account = "svc_story_two";
		String lifecycle = provision(account);
		handOver(lifecycle, account, "alice", "bob", "carol", () -> {
			JsonNode pending = find(ok(web.get("admin", API + "/accounts?state=hand-over%20pending")), account);
			assertThat(pending).as("listed as hand-over pending").isNotNull();
			assertThat(pending.path("openTasks").asLong()).isEqualTo(1);
		});
		JsonNode row = find(ok(web.get("alice", API + "/accounts")), account);
		assertThat(row).as("alice owned it").isNotNull();
		assertThat(row.path("owner").asText()).isEqualTo("carol");
		JsonNode story = ok(web.get("alice", API + "/accounts/" + account));
		assertThat(story.path("owner").asText()).isEqualTo("carol");
		JsonNode lifecycleStory = story.path("instances").get(1);
		assertThat(step(lifecycleStory, LifecycleProcess.NAME_NEW_OWNER).path("by").asText()).isEqualTo("bob");
		assertThat(step(lifecycleStory, LifecycleProcess.NAME_NEW_OWNER).path("comment").asText())
			.isEqualTo("carol runs Jira now");
		assertThat(step(lifecycleStory, LifecycleProcess.ACCEPT_OWNERSHIP).path("by").asText()).isEqualTo("carol");
		assertThat(step(lifecycleStory, LifecycleProcess.ACCEPT_OWNERSHIP).path("outcome").asText())
			.isEqualTo("ownershipAccepted: true");
		assertThat(web.get("bob", API + "/accounts/" + account).statusCode())
			.as("carol does not report to bob, and bob never owned it")
			.isEqualTo(403);
	}

	/**
	 * The owner leaves (inactive in ServiceNow until the hand-over is over); the namer
	 * names the new owner, who accepts.
	 */
	private void handOver(String lifecycle, String account, String leaver, String namer, String newOwner,
			ThrowingRunnable whileNaming) throws Exception {
		EngineRestCalls rest = new EngineRestCalls(port);
		String leaverId = simulator.findRecord("sys_user", "user_name", leaver).orElseThrow().get("sys_id");
		simulator.update("sys_user", leaverId, Map.of("active", "false"));
		try {
			runtimeService.createMessageCorrelation(LifecycleProcess.Messages.OWNER_LEFT)
				.processInstanceBusinessKey(account)
				.correlate();
			Map<String, Object> naming = rest.awaitTask(lifecycle, LifecycleProcess.NAME_NEW_OWNER);
			whileNaming.run();
			rest.complete(namer, naming,
					Map.of("newOwner", string(newOwner), "namingComment", string(newOwner + " runs Jira now")));
			rest.complete(newOwner, rest.awaitTask(lifecycle, LifecycleProcess.ACCEPT_OWNERSHIP),
					Map.of("ownershipAccepted", bool(true)));
			waitFor("the hand-over to end", Duration.ofSeconds(60),
					() -> newOwner.equals(runtimeService.getVariable(lifecycle, "owner"))
							&& runtimeService.getActiveActivityIds(lifecycle)
								.contains(LifecycleProcess.AWAIT_LIFECYCLE_EVENT));
		}
		finally {
			simulator.update("sys_user", leaverId, Map.of("active", "true"));
		}
	}

	interface ThrowingRunnable {

		void run() throws Exception;

	}

	private static void expect(int status, String message, HttpResponse<String> answer) throws Exception {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(JSON.readTree(answer.body()).path("message").asText()).contains(message);
	}

	private static JsonNode ok(HttpResponse<String> answer) throws Exception {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return JSON.readTree(answer.body());
	}

	private static JsonNode find(JsonNode page, String account) {
		for (JsonNode row : page.path("accounts")) {
			if (account.equals(row.path("account").asText())) {
				return row;
			}
		}
		return null;
	}

	private static JsonNode step(JsonNode instance, String activity) {
		for (JsonNode step : instance.path("steps")) {
			if (activity.equals(step.path("activity").asText())) {
				return step;
			}
		}
		throw new AssertionError("no step " + activity + " in " + instance);
	}

}
