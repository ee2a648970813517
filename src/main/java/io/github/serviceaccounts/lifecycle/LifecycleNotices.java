package io.github.serviceaccounts.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.notification.LifecycleMails;
import io.github.serviceaccounts.notification.TasklistLinks;
import io.github.serviceaccounts.request.ServiceAccountsProperties;

/**
 * Who is told what during an account's life, and the links to their tasks. Addresses come
 * from ServiceNow, read by the step that precedes the mail; the fallback approvers' from
 * Camunda's users.
 */
@Component
class LifecycleNotices {

	private final LifecycleMails mails;

	private final TasklistLinks links;

	private final TaskService tasks;

	private final IdentityService identity;

	private final String fallbackGroup;

	LifecycleNotices(LifecycleMails mails, TasklistLinks links, TaskService tasks, IdentityService identity,
			ServiceAccountsProperties properties) {
		this.mails = mails;
		this.links = links;
		this.tasks = tasks;
		this.identity = identity;
		this.fallbackGroup = properties.fallbackApproverGroup();
	}

	String fallbackGroup() {
		return fallbackGroup;
	}

	/** The open task of this instance with that id in the model, if any. */
	Optional<Task> openTask(DelegateExecution execution, String taskKey) {
		return tasks.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(taskKey)
			.list()
			.stream()
			.findFirst();
	}

	String link(Task task) {
		return links.task(task.getId());
	}

	/** The addresses of the fallback approvers that Camunda knows. */
	List<String> fallbackApprovers() {
		List<String> to = new ArrayList<>();
		for (User user : identity.createUserQuery().memberOfGroup(fallbackGroup).list()) {
			if (user.getEmail() != null && !user.getEmail().isBlank()) {
				to.add(user.getEmail());
			}
		}
		return to;
	}

	boolean send(List<String> to, DelegateExecution execution, String what, List<String> paragraphs, String taskUrl) {
		return mails.send(to, LifecycleVariables.ACCOUNT_USER_NAME.get(execution), what, paragraphs, taskUrl);
	}

}
