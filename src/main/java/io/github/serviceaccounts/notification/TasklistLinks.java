package io.github.serviceaccounts.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.ServiceAccountsProperties;

/**
 * The links that mails carry into Tasklist: Tasklist itself, and one task in it (Tasklist
 * opens the task named by {@code #/?task=<id>}).
 */
@Component
public class TasklistLinks {

	private final String tasklistUrl;

	TasklistLinks(ServiceAccountsProperties properties) {
		String url = properties.tasklistUrl();
		this.tasklistUrl = url.endsWith("/") ? url : url + "/";
	}

	/** Tasklist's start page. */
	public String tasklist() {
		return tasklistUrl;
	}

	/**
	 * The page of the request's open task of that kind (the approval, the validation), or
	 * Tasklist itself when there is none.
	 */
	public String waitingTask(DelegateExecution execution, String taskDefinitionKey) {
		return execution.getProcessEngineServices()
			.getTaskService()
			.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(taskDefinitionKey)
			.list()
			.stream()
			.findFirst()
			.map(found -> task(found.getId()))
			.orElse(tasklist());
	}

	/** The page of one task in Tasklist. */
	public String task(String taskId) {
		if (taskId == null || taskId.isBlank()) {
			throw new IllegalArgumentException("A link to a task needs the task's id, got none");
		}
		return tasklistUrl + "#/?task=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
	}

}
