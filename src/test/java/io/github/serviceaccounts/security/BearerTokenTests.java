package io.github.serviceaccounts.security;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.PROCESS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine REST API with bearer tokens of a real OpenID provider
 * ({@link TestOpenIdProvider}): people act with the groups their token names, mapped to
 * the application's groups, without any Camunda user record (demo users are off), and
 * every kind of bad token is refused in words, writes nothing and is logged without the
 * token.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:bearer;DB_CLOSE_DELAY=-1", "servicenow-simulator.state-file=",
				"serviceaccounts.demo-users=false", "camunda.bpm.job-execution.wait-time-in-millis=100",
				"camunda.bpm.job-execution.max-wait=500",
				"spring.security.oauth2.resourceserver.jwt.audiences=" + TestOpenIdProvider.AUDIENCE,
				// the actuator as the prod profile closes it
				"serviceaccounts.metrics-open=false", "management.endpoint.health.show-details=when-authorized",
				"management.endpoint.health.roles=camunda-admin" })
// Tests switch metric export off unless asked; the Prometheus endpoint is read here.
@AutoConfigureObservability(tracing = false)
class BearerTokenTests {

	static final ObjectMapper JSON = new ObjectMapper();

	static final TestOpenIdProvider provider = TestOpenIdProvider.get();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", provider::issuer);
		for (String mapping : TestOpenIdProvider.GROUP_MAPPING) {
			String[] keyValue = mapping.split("=", 2);
			registry.add(keyValue[0], () -> keyValue[1]);
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identityService;

	@Autowired
	TaskService taskService;

	@Autowired
	HistoryService historyService;

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	final Map<String, String> tokens = new LinkedHashMap<>();

	@Test
	void peopleActWithTheGroupsTheirProviderNamesAndNoUserRecord() throws Exception {
		String aliceRequest = start(token("alice"), "svc_bearer_a");
		String bobRequest = start(token("bob"), "svc_bearer_b");

		assertThat(identityService.createUserQuery().count()).as("Camunda users").isZero();
		assertThat(ids(get(token("alice"), "/process-instance"))).contains(aliceRequest).doesNotContain(bobRequest);
		assertThat(ids(get(token("bob"), "/process-instance"))).contains(bobRequest).doesNotContain(aliceRequest);
		// carol's provider group it-approvers is mapped to the fallback approvers
		assertThat(ids(get(token("carol"), "/process-instance"))).contains(aliceRequest, bobRequest);
		assertThat(ids(get(token("alice"), "/history/process-instance"))).contains(aliceRequest)
			.doesNotContain(bobRequest);
		// admin's platform-admins is camunda-admin
		assertThat(ids(get(token("admin"), "/process-instance"))).contains(aliceRequest, bobRequest);

		// bob, alice's manager, approves her request; she cannot
		String approval = awaitTask(aliceRequest, APPROVE_SERVICE_ACCOUNT);
		assertThat(ids(get(token("bob"), "/task"))).contains(approval);
		assertThat(ids(get(token("alice"), "/task"))).doesNotContain(approval);
		assertThat(send(token("alice"), "POST", "/task/" + approval + "/complete", AccessControlTests.approve())
			.statusCode()).isEqualTo(403);
		HttpResponse<String> approved = send(token("bob"), "POST", "/task/" + approval + "/complete",
				AccessControlTests.approve());
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
	}

	@Test
	void someoneInNoMappedGroupIsRefusedInWords() throws Exception {
		HttpResponse<String> refused = send(token("dave"), "POST", "/process-definition/key/" + PROCESS_ID + "/start",
				Map.of("variables", AccessControlTests.request("svc_bearer_dave")));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("You (dave) are in no group that has access here")
			.contains("serviceaccounts.identity.group-mapping");
	}

	@Test
	void everyKindOfBadTokenIsRefusedInWordsWritesNothingAndIsLoggedWithoutTheToken(CapturedOutput output)
			throws Exception {
		Instant past = Instant.now().minusSeconds(3600);
		Map<String, String> bad = new LinkedHashMap<>();
		bad.put("it was issued by another issuer", signed(claims -> claims.issuer("http://localhost:1/other")));
		bad.put("it has expired",
				signed(claims -> claims.issuedAt(past).notBefore(past).expiresAt(past.plusSeconds(60))));
		bad.put("it is not valid yet", signed(claims -> claims.notBefore(Instant.now().plusSeconds(3600))
			.expiresAt(Instant.now().plusSeconds(7200))));
		bad.put("it is meant for another audience", signed(claims -> claims.audience(List.of("another-app"))));
		bad.put("it is not a JWT signed with one of the issuer's keys", provider.unsigned("alice"));
		bad.put("it is not a JWT signed with one of the issuer's keys ",
				TestOpenIdProvider.sign(TestOpenIdProvider.OTHER_KEY, provider.claimsOf("alice")));
		bad.put("its claim 'preferred_username' is missing or empty",
				signed(claims -> claims.claims(all -> all.remove("preferred_username"))));
		bad.put("its claim 'preferred_username' is missing or empty ",
				signed(claims -> claims.claim("preferred_username", " ")));
		for (String userId : List.of("alice^ORDERBYname", "alice,bob", "alice bob", "javascript:alert(1)",
				"a".repeat(41))) {
			bad.put("is not a ServiceNow user name (" + userId + ")",
					signed(claims -> claims.claim("preferred_username", userId)));
		}
		bad.put("is not a list of group names", signed(claims -> claims.claim("groups", "/org/staff")));
		bad.put("are in no group that has access here", signed(claims -> claims.claim("groups", List.of("marketing"))));
		bad.put("not a JWT", "not-a-jwt");

		long instancesBefore = historyService.createHistoricProcessInstanceQuery().count();
		List<String> answers = new ArrayList<>();
		for (Map.Entry<String, String> entry : bad.entrySet()) {
			HttpResponse<String> refused = send(entry.getValue(), "POST",
					"/process-definition/key/" + PROCESS_ID + "/start",
					Map.of("variables", AccessControlTests.request("svc_bearer_bad")));
			String expected = entry.getKey().replaceAll(" \\(.*\\)$", "").strip();
			assertThat(refused.statusCode()).as(entry.getKey()).isIn(401, 403);
			assertThat(refused.body()).as(entry.getKey()).contains(expected);
			assertThat(refused.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
			assertThat(output.getAll()).as("the token is never logged").doesNotContain(entry.getValue());
			answers.add(refused.body());
		}

		assertThat(historyService.createHistoricProcessInstanceQuery().count()).as("nothing started")
			.isEqualTo(instancesBefore);
		assertThat(output.getAll().lines().filter(line -> line.contains("refused a bearer token")).count())
			.as("one log line each")
			.isEqualTo(bad.size());
		assertThat(answers).noneMatch(answer -> answer.contains("eyJ"));
	}

	@Test
	void theActuatorTakesTheSameTokens(CapturedOutput output) throws Exception {
		// admin's platform-admins is camunda-admin, the metrics group
		HttpResponse<String> metrics = actuator(token("admin"), "/prometheus");
		assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
		assertThat(metrics.body()).contains("serviceaccounts_incidents_open");
		JsonNode details = JSON.readTree(actuator(token("admin"), "/health").body());
		assertThat(details.at("/components/db/status").asText()).as(details.toString()).isEqualTo("UP");

		HttpResponse<String> requester = actuator(token("alice"), "/prometheus");
		assertThat(requester.statusCode()).isEqualTo(403);
		assertThat(requester.body()).contains("Only members of the group camunda-admin")
			.doesNotContain("serviceaccounts_");
		assertThat(JSON.readTree(actuator(token("alice"), "/health").body()).has("components")).isFalse();
		assertThat(actuator(null, "/prometheus").statusCode()).isEqualTo(401);

		Instant past = Instant.now().minusSeconds(3600);
		String expired = signed(claims -> claims.issuedAt(past).notBefore(past).expiresAt(past.plusSeconds(60)));
		String outsider = signed(claims -> claims.claim("groups", List.of("marketing")));
		for (String path : List.of("/prometheus", "/health")) {
			HttpResponse<String> refused = actuator(expired, path);
			assertThat(refused.statusCode()).as(path).isEqualTo(401);
			assertThat(refused.body()).as(path).contains("The bearer token is not valid: it has expired");
			assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
			HttpResponse<String> unmapped = actuator(outsider, path);
			assertThat(unmapped.statusCode()).as(path).isEqualTo(403);
			assertThat(unmapped.body()).as(path).contains("are in no group that has access here");
		}
		assertThat(output.getAll().lines().filter(line -> line.contains("Actuator refused a bearer token")).count())
			.as("one log line each")
			.isEqualTo(4);
		assertThat(output.getAll()).doesNotContain(expired).doesNotContain(outsider);
	}

	HttpResponse<String> actuator(String token, String path) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/actuator" + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	String signed(Consumer<JwtClaimsSet.Builder> change) {
		return TestOpenIdProvider.sign(TestOpenIdProvider.KEY, provider.claimsOf("alice").andThen(change));
	}

	/** A token the provider issues to the person's client (client-credentials grant). */
	String token(String person) throws Exception {
		String cached = this.tokens.get(person);
		if (cached != null) {
			return cached;
		}
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString((person + "-cli:" + TestOpenIdProvider.SECRET).getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String token = JSON.readTree(response.body()).path("access_token").asText();
		this.tokens.put(person, token);
		return token;
	}

	String start(String token, String account) throws Exception {
		HttpResponse<String> response = send(token, "POST", "/process-definition/key/" + PROCESS_ID + "/start",
				Map.of("variables", AccessControlTests.request(account)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("id").asText();
	}

	String awaitTask(String instance, String key) throws Exception {
		String[] id = new String[1];
		waitFor(key, Duration.ofSeconds(30), () -> {
			List<Task> tasks = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).list();
			id[0] = tasks.isEmpty() ? null : tasks.get(0).getId();
			return id[0] != null;
		});
		return id[0];
	}

	JsonNode get(String token, String path) throws Exception {
		HttpResponse<String> response = send(token, "GET", path, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	static List<String> ids(JsonNode list) {
		List<String> ids = new ArrayList<>();
		list.forEach(item -> ids.add(item.path("id").asText()));
		return ids;
	}

	HttpResponse<String> send(String token, String method, String path, Object body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/engine-rest" + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
