package io.github.serviceaccounts;

import static io.github.serviceaccounts.request.RequestProcess.APPROVE_SERVICE_ACCOUNT;
import static io.github.serviceaccounts.request.RequestProcess.PROCESS_ID;
import static io.github.serviceaccounts.request.RequestProcess.SERVICE_ACCOUNT_PROVISIONED;
import static io.github.serviceaccounts.request.RequestProcess.VALIDATE_SERVICE_ACCOUNT;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Plays the people of many requests through the engine's Java API: alice requests, bob
 * approves, alice confirms that her calls work.
 */
public class RequestDriver {

	private final ProcessEngine engine;

	public RequestDriver(ProcessEngine engine) {
		this.engine = engine;
	}

	public static Map<String, Object> request(String accountUserName) {
		Map<String, Object> fields = new HashMap<>();
		fields.put("accountUserName", accountUserName);
		fields.put("displayName", "Integration " + accountUserName);
		fields.put("purpose", "An integration that calls the Table API for " + accountUserName);
		fields.put("accountEmail", "");
		fields.put("additionalGroups", "");
		return fields;
	}

	public ProcessInstance start(String accountUserName) {
		engine.getIdentityService().setAuthentication("alice", List.of("service-account-requesters"));
		try {
			return engine.getRuntimeService().startProcessInstanceByKey(PROCESS_ID, request(accountUserName));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	/**
	 * Completes every open approval (as bob) and validation (as alice, "callsWork");
	 * returns how many.
	 */
	public int completeOpenTasks() {
		int completed = 0;
		for (Task task : engine.getTaskService().createTaskQuery().taskDefinitionKey(APPROVE_SERVICE_ACCOUNT).list()) {
			completed += completeAs("bob", task, Map.of("approved", true, "approvalComment", ""));
		}
		for (Task task : engine.getTaskService().createTaskQuery().taskDefinitionKey(VALIDATE_SERVICE_ACCOUNT).list()) {
			completed += completeAs("alice", task, Map.of("validationOutcome", "callsWork"));
		}
		return completed;
	}

	private int completeAs(String user, Task task, Map<String, Object> variables) {
		engine.getIdentityService().setAuthentication(user, List.of());
		try {
			engine.getTaskService().complete(task.getId(), variables);
			return 1;
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	public long provisioned() {
		return engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.activityId(SERVICE_ACCOUNT_PROVISIONED)
			.finished()
			.count();
	}

	/** Plays the people until the condition holds, or fails after the deadline. */
	public void playUntil(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
		Instant end = Instant.now().plus(deadline);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(end)) {
				throw new AssertionError(
						"timed out after " + deadline + " waiting for " + what + "; provisioned: " + provisioned()
								+ ", open incidents: " + engine.getRuntimeService().createIncidentQuery().list());
			}
			if (completeOpenTasks() == 0) {
				Thread.sleep(250);
			}
		}
	}

}
