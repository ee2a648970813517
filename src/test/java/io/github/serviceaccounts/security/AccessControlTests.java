package io.github.serviceaccounts.security;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.PROCESS_ID;
import static io.github.serviceaccounts.request.RequestProcess.VALIDATE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * Who may do what, over the engine REST API as people and integrations would call it:
 * least privilege, segregation of duties by every route, only the needed part of the API
 * exposed, and the two known vulnerabilities of 7.24.0 CE closed.
 */
// Closed after the class: the engine REST API finds its engine by the name "default",
// which
// only one application context at a time may hold.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:access;DB_CLOSE_DELAY=-1", "servicenow-simulator.state-file=",
				"camunda.bpm.job-execution.wait-time-in-millis=100", "camunda.bpm.job-execution.max-wait=500" })
class AccessControlTests {

	static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identityService;

	@Autowired
	ServiceNowSimulator simulator;

	@Autowired
	AuthorizationService authorizationService;

	@Autowired
	HistoryService historyService;

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	ProcessEngine engine;

	@Autowired
	@Qualifier("securityFilterChainRegistration")
	DelegatingFilterProxyRegistrationBean securityFilterChainRegistration;

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeEach
	void outsiderWithoutGroups() {
		if (identityService.createUserQuery().userId("eve").count() == 0) {
			User eve = identityService.newUser("eve");
			eve.setPassword("demo");
			identityService.saveUser(eve);
		}
	}

	@Test
	void springSecurityStaysOutOfTheLocalDefault() throws Exception {
		assertThat(securityFilterChainRegistration.isEnabled()).as("Spring Security's filter chain registered")
			.isFalse();
		HttpResponse<String> login = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as("Spring Security's login page").isEqualTo(404);
		HttpResponse<String> anonymous = send(null, "GET", "/process-instance", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"default\"");
	}

	@Test
	void requestersSeeOnlyTheirOwnRequestsAndTasksFallbackApproversSeeAll() throws Exception {
		String aliceRequest = start("alice", "svc_access_a");
		String bobRequest = start("bob", "svc_access_b");
		String approvalOfAlice = awaitTask(aliceRequest, APPROVE_SERVICE_ACCOUNT);

		assertThat(ids(get("alice", "/process-instance"))).contains(aliceRequest).doesNotContain(bobRequest);
		assertThat(ids(get("bob", "/process-instance"))).contains(bobRequest).doesNotContain(aliceRequest);
		assertThat(ids(get("carol", "/process-instance"))).contains(aliceRequest, bobRequest);
		assertThat(ids(get("alice", "/history/process-instance"))).contains(aliceRequest).doesNotContain(bobRequest);
		assertThat(ids(get("carol", "/history/process-instance"))).contains(aliceRequest, bobRequest);

		// bob approves alice's request: he sees that task, alice does not
		assertThat(ids(get("bob", "/task"))).contains(approvalOfAlice);
		assertThat(ids(get("alice", "/task"))).doesNotContain(approvalOfAlice);
		assertThat(send("alice", "POST", "/task/" + approvalOfAlice + "/complete", approve()).statusCode())
			.isEqualTo(403);
	}

	@Test
	void historyCleanupRemovesARequestsHistoryAndEveryGrantOnItLeavingNothing() throws Exception {
		// A rejected request (no account, so none of an account's history to keep for the
		// audit), with the time to live cut to 0 days instead of seven years while it
		// runs:
		// the engine stamps the removal time (end + time to live) on every history row
		// and
		// grant when the request ends.
		String definition = repositoryService.createProcessDefinitionQuery()
			.processDefinitionKey(PROCESS_ID)
			.latestVersion()
			.singleResult()
			.getId();
		repositoryService.updateProcessDefinitionHistoryTimeToLive(definition, 0);
		String request;
		try {
			request = start("alice", "svc_access_history");
			assertThat(
					send("bob", "POST", "/task/" + awaitTask(request, APPROVE_SERVICE_ACCOUNT) + "/complete",
							Map.of("variables", Map.of("approved", Map.of("value", false, "type", "Boolean"),
									"approvalComment", string("Use the existing Jira account"))))
						.statusCode())
				.isEqualTo(204);
			waitFor("the request to end", Duration.ofSeconds(30),
					() -> historyService.createHistoricProcessInstanceQuery()
						.processInstanceId(request)
						.finished()
						.count() == 1);
		}
		finally {
			repositoryService.updateProcessDefinitionHistoryTimeToLive(definition, 2557);
		}
		List<String> tasks = historyService.createHistoricTaskInstanceQuery()
			.processInstanceId(request)
			.list()
			.stream()
			.map(HistoricTaskInstance::getId)
			.toList();
		assertThat(tasks).as("the approval").hasSize(1);
		assertThat(ids(get("alice", "/history/process-instance"))).contains(request);
		Authorization grant = authorizationService.createAuthorizationQuery()
			.userIdIn("alice")
			.resourceType(Resources.HISTORIC_PROCESS_INSTANCE)
			.resourceId(request)
			.singleResult();
		HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(request)
			.singleResult();
		assertThat(grant.getRootProcessInstanceId()).isEqualTo(request);
		assertThat(history.getRemovalTime()).isEqualTo(history.getEndTime());
		assertThat(grant.getRemovalTime()).isEqualTo(history.getRemovalTime());

		historyService.cleanUpHistoryAsync(true);
		waitFor("history cleanup to remove the request", Duration.ofSeconds(30),
				() -> historyService.createHistoricProcessInstanceQuery().processInstanceId(request).count() == 0);

		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(request).count())
			.as("activities")
			.isZero();
		assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(request).count())
			.as("variables")
			.isZero();
		assertThat(historyService.createHistoricDetailQuery().processInstanceId(request).count()).as("variable updates")
			.isZero();
		assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(request).count()).as("tasks")
			.isZero();
		assertThat(historyService.createHistoricJobLogQuery().processInstanceId(request).count()).as("job log")
			.isZero();
		assertThat(grants(Resources.HISTORIC_PROCESS_INSTANCE, request)).as("alice's grant on the request's history")
			.isZero();
		assertThat(grants(Resources.PROCESS_INSTANCE, request)).as("alice's grant on the request itself").isZero();
		assertThat(tasks).as("grants on the history of the request's tasks")
			.allSatisfy(task -> assertThat(grants(Resources.HISTORIC_TASK, task)).isZero());
	}

	@Test
	void historyCleanupRunsEveryNightAndKeepsARequestThatNeverBecameAnAccountSevenYears() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getHistoryRemovalTimeStrategy())
			.isEqualTo(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_END);
		assertThat(configuration.getHistoryCleanupStrategy())
			.isEqualTo(ProcessEngineConfiguration.HISTORY_CLEANUP_STRATEGY_REMOVAL_TIME_BASED);
		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
		assertThat(repositoryService.createProcessDefinitionQuery()
			.processDefinitionKey(PROCESS_ID)
			.latestVersion()
			.singleResult()
			.getHistoryTimeToLive()).isEqualTo(2557);
	}

	long grants(Resources resource, String id) {
		return authorizationService.createAuthorizationQuery().resourceType(resource).resourceId(id).count();
	}

	@Test
	void aStartOrACompletionSetsOnlyItsOwnFormsFields() throws Exception {
		Map<String, Object> spoofed = new java.util.HashMap<>(request("svc_access_spoof"));
		spoofed.put("requester", string("alice"));
		HttpResponse<String> inAnothersName = send("bob", "POST", "/process-definition/key/serviceAccountRequest/start",
				Map.of("variables", spoofed));
		HttpResponse<String> viaForm = send("bob", "POST", "/process-definition/key/serviceAccountRequest/submit-form",
				Map.of("variables", spoofed));

		assertThat(inAnothersName.statusCode()).isEqualTo(400);
		assertThat(message(inAnothersName)).isEqualTo("Only the fields of this form can be sent (Account email, "
				+ "Account user name, Additional groups, Display name, Purpose); one value sent is not one of them.");
		assertThat(viaForm.statusCode()).isEqualTo(400);
		assertThat(get("admin", "/process-instance?businessKey=svc_access_spoof").size()).isZero();

		String request = start("alice", "svc_access_inject");
		String approval = awaitTask(request, APPROVE_SERVICE_ACCOUNT);
		HttpResponse<String> renamed = send("bob", "POST", "/task/" + approval + "/complete", Map.of("variables",
				Map.of("approved", Map.of("value", true, "type", "Boolean"), "accountUserName", string("svc_other"))));
		assertThat(renamed.statusCode()).isEqualTo(400);
		assertThat(message(renamed)).isEqualTo(
				"Only the fields of this form can be sent (Approve, Comment); one value sent is not one of them.");
		HttpResponse<String> rejectedWithoutReason = send("bob", "POST", "/task/" + approval + "/complete",
				Map.of("variables",
						Map.of("approved", Map.of("value", false, "type", "Boolean"), "approvalComment", string(""))));
		// The engine wraps the task listener's refusal (ENGINE-03051);
		// RefusedSubmissions and RefusedRequestAnswers400 still make it a 400 in words.
		assertThat(rejectedWithoutReason.statusCode()).as(rejectedWithoutReason.body()).isEqualTo(400);
		assertThat(message(rejectedWithoutReason)).isEqualTo("Comment: is required when you reject.");
		assertThat(send("bob", "PUT", "/process-instance/" + request + "/variables/accountSysId",
				Map.of("value", "0123456789abcdef0123456789abcdef", "type", "String"))
			.statusCode()).isEqualTo(403);
		assertThat(send("bob", "POST", "/task/" + approval + "/complete", approve()).statusCode()).isEqualTo(204);
	}

	@Test
	void onlyRequestersMayStartARequest() throws Exception {
		HttpResponse<String> refused = send("eve", "POST", "/process-definition/key/serviceAccountRequest/start",
				Map.of("variables", request("svc_access_eve")));

		// eve may not even read the definition, so the engine does not tell her it exists
		assertThat(refused.statusCode()).isIn(403, 404);
		assertThat(get("admin", "/process-instance?businessKey=svc_access_eve").size()).isZero();
	}

	@Test
	void theRequesterCannotApproveTheirOwnRequestByAnyRoute() throws Exception {
		// carol has no manager, so her request goes to the fallback group, of which she
		// is a member
		String request = start("carol", "svc_access_c");
		String approval = awaitTask(request, APPROVE_SERVICE_ACCOUNT);

		// Not allowed for this person: 403, in words, as for a missing permission.
		HttpResponse<String> claim = send("carol", "POST", "/task/" + approval + "/claim", Map.of("userId", "carol"));
		assertThat(claim.statusCode()).as(claim.body()).isEqualTo(403);
		assertThat(message(claim)).isEqualTo("The requester carol cannot be given the approval of their own request.");

		HttpResponse<String> complete = send("carol", "POST", "/task/" + approval + "/complete", approve());
		assertThat(complete.statusCode()).as(complete.body()).isEqualTo(403);
		assertThat(message(complete)).isEqualTo("You (carol) requested this account, so you cannot approve it.");

		// Even an administrator (all permissions) may not give it to her, nor approve it
		// unassigned.
		HttpResponse<String> assign = send("admin", "POST", "/task/" + approval + "/claim", Map.of("userId", "carol"));
		assertThat(assign.statusCode()).as(assign.body()).isEqualTo(403);
		assertThat(message(assign)).isEqualTo("The requester carol cannot be given the approval of their own request.");
		HttpResponse<String> byAdmin = send("admin", "POST", "/task/" + approval + "/complete", approve());
		assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(403);
		assertThat(message(byAdmin)).isEqualTo("Only the assigned approver or a candidate approver can approve this "
				+ "request, and admin is neither.");

		assertThat(get("admin", "/task/" + approval).path("id").asText()).isEqualTo(approval);
		assertThat(simulator.findRecord("sys_user", "user_name", "svc_access_c")).isEmpty();
	}

	@Test
	void onlyWhatTheProductNeedsIsExposed() throws Exception {
		assertThat(send("admin", "POST", "/deployment/create", Map.of()).statusCode()).isEqualTo(403);
		assertThat(send("admin", "POST", "/process-instance/some-id/modification", Map.of()).statusCode())
			.isEqualTo(403);
		assertThat(send("admin", "POST", "/message", Map.of()).statusCode()).isEqualTo(403);
		assertThat(send("admin", "PUT", "/process-instance/some-id/variables/x", Map.of()).statusCode()).isEqualTo(403);
		// What Admin uses is on the one allow-list of both doors; Camunda's
		// authorizations then decide.
		assertThat(send("admin", "GET", "/user", null).statusCode()).isEqualTo(200);
		assertThat(send("alice", "POST", "/user/create",
				Map.of("profile", Map.of("id", "mallory"), "credentials", Map.of("password", "Mallory-2026-pass")))
			.statusCode()).isEqualTo(403);
		assertThat(identityService.createUserQuery().userId("mallory").count()).isZero();
		assertThat(send("admin", "GET", "/engine", null).statusCode()).isEqualTo(200);
		assertThat(send(null, "GET", "/task", null).statusCode()).isEqualTo(401);
	}

	@Test
	void expressionsInTaskQueriesAreRefusedAndNeverEvaluated() throws Exception {
		// If evaluated, this would delete the user bob (engine services resolve as beans
		// in expressions).
		String expression = "${identityService.deleteUser('bob')}";

		HttpResponse<String> adhoc = send("alice", "POST", "/task", Map.of("assigneeExpression", expression));
		HttpResponse<String> nested = send("alice", "POST", "/task",
				Map.of("orQueries", java.util.List.of(Map.of("assigneeExpression", expression))));
		HttpResponse<String> viaGet = send("alice", "GET",
				"/task?assigneeExpression=" + java.net.URLEncoder.encode(expression, StandardCharsets.UTF_8), null);

		assertThat(adhoc.statusCode()).isEqualTo(400);
		assertThat(nested.statusCode()).isEqualTo(400);
		assertThat(viaGet.statusCode()).isEqualTo(400);
		assertThat(nested.body()).contains("Expressions are not allowed in queries (orQueries[0].assigneeExpression)");
		assertThat(identityService.createUserQuery().userId("bob").count()).as("bob still exists").isEqualTo(1);
	}

	@Test
	void theWebAppsKeepCsrfAndTheirQueriesRefuseExpressionsToo() throws Exception {
		HttpClient browser = tasklistSession("alice");
		String base = "http://localhost:" + port + "/camunda";
		String token = csrfToken(browser);

		HttpResponse<String> plain = browser
			.send(HttpRequest.newBuilder(URI.create(base + "/api/engine/engine/default/task"))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", token)
				.POST(HttpRequest.BodyPublishers.ofString("{\"orQueries\":[{\"assignee\":\"alice\"}]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);

		String query = JSON.writeValueAsString(Map.of("orQueries",
				java.util.List.of(Map.of("assigneeExpression", "${identityService.deleteUser('bob')}"))));
		HttpResponse<String> refused = browser
			.send(HttpRequest.newBuilder(URI.create(base + "/api/engine/engine/default/task"))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", token)
				.POST(HttpRequest.BodyPublishers.ofString(query))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(identityService.createUserQuery().userId("bob").count()).isEqualTo(1);

		HttpResponse<String> withoutToken = browser
			.send(HttpRequest.newBuilder(URI.create(base + "/api/engine/engine/default/task"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(withoutToken.statusCode()).as("a state-changing call without the CSRF token").isEqualTo(403);
	}

	@Test
	void tasklistGetsA400NamingTheFieldAsTheFormLabelsItForARefusedStartOrCompletion() throws Exception {
		String base = "http://localhost:" + port + "/camunda/api/engine/engine/default";
		// As Tasklist submits the start form: the account name breaks the naming rule.
		HttpClient alice = tasklistSession("alice");
		HttpResponse<String> start = alice
			.send(HttpRequest.newBuilder(URI.create(base + "/process-definition/key/serviceAccountRequest/submit-form"))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", csrfToken(alice))
				.POST(HttpRequest.BodyPublishers
					.ofString(JSON.writeValueAsString(Map.of("variables", request("svc x^NQ")))))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(start.statusCode()).as(start.body()).isEqualTo(400);
		assertThat(JSON.readTree(start.body()).path("message").asText())
			.isEqualTo("Account user name: may contain only lowercase letters, digits, '.', '_' and '-'; must start "
					+ "with 'svc_', the prefix of every service account name here (for example svc_jira_sync).");

		// As Tasklist submits the approval form: a rejection without a reason.
		String approval = awaitTask(start("alice", "svc_access_tasklist"), APPROVE_SERVICE_ACCOUNT);
		HttpClient bob = tasklistSession("bob");
		HttpResponse<String> complete = bob
			.send(HttpRequest.newBuilder(URI.create(base + "/task/" + approval + "/submit-form"))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", csrfToken(bob))
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("variables",
						Map.of("approved", Map.of("value", false, "type", "Boolean"), "approvalComment", string(""))))))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(complete.statusCode()).as(complete.body()).isEqualTo(400);
		assertThat(JSON.readTree(complete.body()).path("message").asText())
			.isEqualTo("Comment: is required when you reject.");
		assertThat(get("admin", "/task/" + approval).path("id").asText()).as("the approval is still open")
			.isEqualTo(approval);
	}

	/**
	 * A browser logged in to Tasklist, holding its session and the CSRF token of its next
	 * page.
	 */
	HttpClient tasklistSession(String user) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		String base = "http://localhost:" + port + "/camunda";
		browser.send(HttpRequest.newBuilder(URI.create(base + "/app/tasklist/default/")).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(browser
			.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/auth/user/default/login/tasklist"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-XSRF-TOKEN", csrfToken(browser))
				.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
		// A login starts a new session; its token comes with the next page, as in a
		// browser.
		browser.send(HttpRequest.newBuilder(URI.create(base + "/app/tasklist/default/")).build(),
				HttpResponse.BodyHandlers.discarding());
		return browser;
	}

	@Test
	void loginThrottlingIsKeptAndTheH2ConsoleIsOff() throws Exception {
		User dan = identityService.newUser("dan");
		dan.setPassword("Dan-2026-password");
		identityService.saveUser(dan);
		HttpRequest.Builder wrong = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("dan:guess".getBytes(StandardCharsets.UTF_8)));
		HttpRequest.Builder right = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task"))
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString("dan:Dan-2026-password".getBytes(StandardCharsets.UTF_8)));

		assertThat(http.send(wrong.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
		// Right after a failed attempt even the right password is refused for a few
		// seconds.
		assertThat(http.send(right.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);

		HttpResponse<String> console = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/h2-console/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(console.statusCode()).isEqualTo(404);
	}

	static String csrfToken(HttpClient browser) {
		return ((java.net.CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
			.reduce((first, second) -> second)
			.orElseThrow()
			.getValue();
	}

	@Test
	void theFirstRunSetupCannotCreateAnAdministrator() throws Exception {
		// The vulnerable state: camunda-admin has no direct member (as in a production
		// start without
		// camunda.bpm.admin-user), which is when the setup endpoint would accept an
		// anonymous caller.
		identityService.deleteMembership("admin", "camunda-admin");
		HttpResponse<String> setup;
		try {
			// An attacker fetches a page first, to hold a session and its CSRF token.
			HttpClient attacker = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
			attacker.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/admin/default/setup/"))
						.build(),
					HttpResponse.BodyHandlers.discarding());
			setup = attacker.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/setup/default/user/create"))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", csrfToken(attacker))
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"profile\":{\"id\":\"mallory\",\"firstName\":\"M\",\"lastName\":\"M\","
							+ "\"email\":\"m@example.com\"},\"credentials\":{\"password\":\"Mallory-2026-pass\"}}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		finally {
			identityService.createMembership("admin", "camunda-admin");
		}

		assertThat(setup.statusCode()).isIn(401, 403);
		assertThat(identityService.createUserQuery().userId("mallory").count()).isZero();
	}

	// --- helpers

	static Map<String, Object> request(String account) {
		return Map.of("accountUserName", string(account), "displayName", string("Access test"), "purpose",
				string("Shows who may see and do what"), "accountEmail", string(""), "additionalGroups", string(""));
	}

	static String message(HttpResponse<String> answer) throws Exception {
		return JSON.readTree(answer.body()).path("message").asText();
	}

	static Map<String, Object> string(String value) {
		return Map.of("value", value, "type", "String");
	}

	static Map<String, Object> approve() {
		return Map.of("variables",
				Map.of("approved", Map.of("value", true, "type", "Boolean"), "approvalComment", string("")));
	}

	String start(String user, String account) throws Exception {
		HttpResponse<String> response = send(user, "POST", "/process-definition/key/serviceAccountRequest/start",
				Map.of("variables", request(account)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("id").asText();
	}

	String awaitTask(String instance, String key) throws Exception {
		String[] id = new String[1];
		waitFor(key, Duration.ofSeconds(30), () -> {
			JsonNode tasks = get("admin", "/task?processInstanceId=" + instance + "&taskDefinitionKey=" + key);
			id[0] = tasks.size() > 0 ? tasks.get(0).path("id").asText() : null;
			return id[0] != null;
		});
		return id[0];
	}

	static java.util.List<String> ids(JsonNode list) {
		java.util.List<String> ids = new java.util.ArrayList<>();
		list.forEach(node -> ids.add(node.path("id").asText()));
		return ids;
	}

	JsonNode get(String user, String path) {
		try {
			return JSON.readTree(send(user, "GET", path, null).body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> send(String user, String method, String path, Object body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/engine-rest" + path))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (user != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
