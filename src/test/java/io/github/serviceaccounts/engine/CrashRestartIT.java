package io.github.serviceaccounts.engine;

import static io.github.serviceaccounts.Await.waitFor;
import static io.github.serviceaccounts.engine.ApplicationOverHttp.freePort;
import static io.github.serviceaccounts.engine.ApplicationOverHttp.requestVariables;
import static io.github.serviceaccounts.engine.ApplicationOverHttp.string;
import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The packaged application as a separate JVM on an H2 file database is killed with
 * SIGKILL while ServiceNow calls are in flight, then started again: every request
 * finishes, and no account or membership exists twice. A short job lock time lets the
 * restarted node take over the dead node's locked jobs quickly.
 */
class CrashRestartIT {

	static final int REQUESTS = 20;

	@TempDir
	Path data;

	Process app;

	int port;

	ApplicationOverHttp http;

	@AfterEach
	void stop() {
		if (app != null) {
			app.destroyForcibly();
		}
	}

	@Test
	void killedInTheMiddleOfProvisioningEveryRequestFinishesExactlyOnce() throws Exception {
		port = freePort();
		http = new ApplicationOverHttp("the application", port);
		app = start("first");
		// Every ServiceNow call takes 300 ms, so that the kill finds calls in flight.
		http.send("PUT", "/servicenow-simulator/faults", "integration", Map.of("latencyMillis", 300));
		for (int i = 0; i < REQUESTS; i++) {
			http.send("POST", "/engine-rest/process-definition/key/serviceAccountRequest/start", "alice",
					Map.of("variables", request(String.format("svc_crash_%02d", i))));
		}
		waitFor("some approvals", Duration.ofSeconds(90),
				() -> completeTasks(APPROVE_SERVICE_ACCOUNT, "bob") >= 0 && http.count(
						"/engine-rest/history/activity-instance/count?activityId=createServiceAccount&finished=true") >= 3);
		completeTasks(APPROVE_SERVICE_ACCOUNT, "bob");
		Thread.sleep(1500);
		long createdBeforeKill = http
			.count("/engine-rest/history/activity-instance/count?activityId=createServiceAccount&finished=true");
		ProcessHandle handle = app.toHandle();
		// Process.destroyForcibly() sends SIGKILL on Unix: no shutdown hook, no graceful
		// job release.
		app.destroyForcibly().waitFor();
		assertThat(handle.isAlive()).isFalse();
		System.out.printf("killed with %d of %d accounts created%n", createdBeforeKill, REQUESTS);
		assertThat(createdBeforeKill).as("the kill came in the middle of provisioning").isLessThan(REQUESTS);

		app = start("second");
		http.send("DELETE", "/servicenow-simulator/faults", "integration", null);
		waitFor("every request provisioned", Duration.ofMinutes(3), () -> {
			completeTasks(APPROVE_SERVICE_ACCOUNT, "bob");
			completeValidations();
			return http.count(
					"/engine-rest/history/activity-instance/count?activityId=serviceAccountProvisioned&finished=true") == REQUESTS;
		});

		JsonNode state = http.get("/servicenow-simulator/state", "integration");
		assertThat(state.path("successfulInserts").path("sys_user").asInt()).as("accounts created").isEqualTo(REQUESTS);
		Map<String, String> accounts = new HashMap<>();
		for (JsonNode user : state.path("tables").path("sys_user")) {
			if (user.path("user_name").asText().startsWith("svc_crash_")) {
				accounts.put(user.path("sys_id").asText(), user.path("user_name").asText());
				assertThat(user.path("web_service_access_only").asText()).isEqualTo("true");
			}
		}
		assertThat(accounts).hasSize(REQUESTS);
		Map<String, Integer> memberships = new HashMap<>();
		for (JsonNode member : state.path("tables").path("sys_user_grmember")) {
			memberships.merge(member.path("user").asText(), 1, Integer::sum);
		}
		assertThat(accounts.keySet())
			.allSatisfy(account -> assertThat(memberships.get(account)).as(accounts.get(account)).isEqualTo(1));
		assertThat(http.count("/engine-rest/history/incident/count")).as("incidents").isZero();
	}

	Process start(String name) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx512m", "-jar",
				System.getProperty("app.jar", "target/servicenow-service-accounts-0.1.0-SNAPSHOT.jar"),
				"--server.port=" + port, "--spring.datasource.url=jdbc:h2:file:" + data.resolve("db").toAbsolutePath(),
				"--servicenow-simulator.state-file=" + data.resolve("servicenow-simulator.json").toAbsolutePath(),
				"--serviceaccounts.mail.outbox=" + data.resolve("outbox").toAbsolutePath(),
				"--camunda.bpm.job-execution.lock-time-in-millis=5000",
				"--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=1000",
				"--servicenow.read-timeout=3s", "--servicenow.password=integration",
				"--serviceaccounts.retry-intervals=PT1S,PT2S,PT2S,PT2S,PT2S,PT2S,PT2S,PT2S"));
		File log = data.resolve(name + ".log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		waitFor("the application to start (log: " + log + ")", Duration.ofSeconds(120), () -> {
			assertThat(process.isAlive()).as("application running, see " + log).isTrue();
			return http.answers("/engine-rest/engine", "admin");
		});
		return process;
	}

	static Map<String, Object> request(String accountUserName) {
		return requestVariables(accountUserName, "Proves that a crash loses and duplicates nothing");
	}

	int completeTasks(String key, String user) {
		int completed = 0;
		for (JsonNode task : http.get("/engine-rest/task?taskDefinitionKey=" + key, "admin")) {
			completed += complete(task, user,
					Map.of("approved", Map.of("value", true, "type", "Boolean"), "approvalComment", string("")));
		}
		return completed;
	}

	void completeValidations() {
		for (JsonNode task : http.get("/engine-rest/task?taskDefinitionKey=validateServiceAccount", "admin")) {
			complete(task, "alice", Map.of("validationOutcome", string("callsWork")));
		}
	}

	int complete(JsonNode task, String user, Map<String, Object> variables) {
		HttpResponse<String> response = http.send("POST", "/engine-rest/task/" + task.path("id").asText() + "/complete",
				user, Map.of("variables", variables));
		return response.statusCode() == 204 ? 1 : 0;
	}

}
