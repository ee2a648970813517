package io.github.serviceaccounts.security;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.security.EngineDoors.Door;

/**
 * The attacks against the whole application as it runs on its local default, and what
 * only the HTTP wall adds: canonical paths, authentication before any body is read, the
 * body size limit.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:attacks;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "camunda.bpm.job-execution.wait-time-in-millis=100",
				"camunda.bpm.job-execution.max-wait=500" })
class AttackTests extends AttackScenarios {

	@Override
	Task approvalOfAliceFor(String account) throws Exception {
		return awaitApproval(this, account);
	}

	static Task awaitApproval(AttackScenarios scenarios, String account) throws InterruptedException {
		String instance = scenarios.startAsAlice(account).getId();
		Task[] approval = new Task[1];
		waitFor("the approval of " + account, Duration.ofSeconds(30), () -> {
			approval[0] = scenarios.taskService.createTaskQuery()
				.processInstanceId(instance)
				.taskDefinitionKey(APPROVE_SERVICE_ACCOUNT)
				.singleResult();
			return approval[0] != null;
		});
		return approval[0];
	}

	@ParameterizedTest
	@ValueSource(strings = { "/task;x=1", "/%74ask", "/task//count", "/./task", "/x/../task", "/filter;x=1/abc/list" })
	void aPathThatIsNotCanonicalAnswers400BeforeTheEngine(String path) throws Exception {
		for (Door door : Door.values()) {
			HttpResponse<String> answer = doors.send(door, "alice", "POST", path, Map.of());
			assertThat(answer.statusCode()).as(door + " " + path + ": " + answer.body()).isEqualTo(400);
			assertThat(answer.body()).contains("canonical");
		}
	}

	@Test
	void aTrailingSlashIsJudgedAsThePathWithoutIt() throws Exception {
		for (Door door : Door.values()) {
			assertThat(doors.send(door, "admin", "POST", "/deployment/create/", Map.of()).statusCode()).isEqualTo(403);
			assertThat(doors.send(door, "alice", "POST", "/task/", Map.of()).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void nothingOfTheEngineAnswersWithoutCredentialsNotEvenTheListOfEngines() throws Exception {
		for (Door door : Door.values()) {
			assertThat(doors.send(door, null, "GET", "/task", null).statusCode()).isEqualTo(401);
		}
		HttpClient http = HttpClient.newHttpClient();
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/engine")).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(401);
		// With a trailing slash Camunda's filter looks for an engine named "" and answers
		// 404: no list either.
		HttpResponse<String> slash = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/engine/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(slash.statusCode()).isIn(401, 404);
		assertThat(slash.body()).doesNotContain("\"name\"");
	}

	@Test
	void aWrongCsrfTokenIsRefusedWithoutEndingTheVictimsSession() throws Exception {
		assertThat(doors.send(Door.WEB_APPS, "alice", "GET", "/task", null).statusCode()).isEqualTo(200);

		HttpResponse<String> forged = doors.sendWithToken(Door.WEB_APPS, "alice", "POST", "/task/some-id/claim",
				"wrong-token");
		HttpResponse<String> tokenless = doors.sendWithToken(Door.WEB_APPS, "alice", "POST", "/task/some-id/claim",
				null);

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(tokenless.statusCode()).isEqualTo(403);
		assertThat(doors.send(Door.WEB_APPS, "alice", "GET", "/task", null).statusCode()).as("alice is still logged in")
			.isEqualTo(200);
	}

	/**
	 * 64 MiB of JSON from nobody: refused from its length, or as soon as the limit is
	 * passed, never held whole.
	 */
	@Test
	void aHugeBodyIsRefusedBeforeAnythingReadsIt() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		byte[] huge = new byte[64 * 1024 * 1024];
		java.util.Arrays.fill(huge, (byte) ' ');
		huge[0] = '{';
		huge[huge.length - 1] = '}';
		for (String path : List.of("/engine-rest/task", "/camunda/api/engine/engine/default/task",
				"/camunda/api/admin/auth/user/default/login/cockpit")) {
			HttpResponse<String> declared = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(huge))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(declared.statusCode()).as(path).isEqualTo(413);
		}
		// Sent in chunks, without a length: an authenticated caller's body is cut off at
		// the limit.
		HttpResponse<String> chunked = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/task"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("alice:demo".getBytes()))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isBetween(400, 499);
	}

}
