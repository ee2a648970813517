package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.ACCOUNT_USER_NAME;
import static io.github.serviceaccounts.request.RequestVariables.REQUESTER;
import static io.github.serviceaccounts.request.RequestVariables.REQUESTER_NAME;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Every user task says which account it is about and for whom, so a task list with two
 * "Validate service account" tasks tells them apart without opening either: "Validate
 * service account: svc_jira_sync for Alice Example". It holds for the user tasks of every
 * process deployed on this engine, now or later (a parse listener adds the naming to each
 * user task as the model is read); a task whose process has no account name keeps the
 * name its model gives it.
 */
@Component
class TaskNames extends AbstractProcessEnginePlugin implements TaskListener {

	/** The database keeps a task's name in 255 characters. */
	static final int LONGEST_NAME = 255;

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
				: new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
		listeners.add(new AbstractBpmnParseListener() {
			@Override
			public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
				if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
					userTask.getTaskDefinition().addTaskListener(EVENTNAME_CREATE, TaskNames.this);
				}
			}
		});
		configuration.setCustomPostBPMNParseListeners(listeners);
	}

	@Override
	public void notify(DelegateTask task) {
		Optional<String> account = ACCOUNT_USER_NAME.find(task).filter(name -> !name.isBlank());
		if (account.isEmpty()) {
			return;
		}
		task.setName(name(task.getName(), account.get(), requesterName(task).orElse(null)));
	}

	static String name(String modelName, String account, String requester) {
		String base = modelName == null || modelName.isBlank() ? "Task" : modelName.strip();
		String name = base + ": " + account.strip() + (requester == null ? "" : " for " + requester);
		// The name comes partly from ServiceNow: no line breaks or control characters in
		// a
		// list's row.
		name = name.replaceAll("\\p{Cntrl}", " ");
		return name.length() <= LONGEST_NAME ? name : name.substring(0, LONGEST_NAME - 1) + "…";
	}

	/**
	 * The name ServiceNow gave ("Check request" reads it), else the one Camunda knows,
	 * else the user id.
	 */
	private static Optional<String> requesterName(DelegateTask task) {
		Optional<String> fromServiceNow = REQUESTER_NAME.find(task).filter(name -> !name.isBlank());
		if (fromServiceNow.isPresent()) {
			return fromServiceNow;
		}
		Optional<String> userId = REQUESTER.find(task).filter(id -> !id.isBlank());
		if (userId.isEmpty()) {
			return Optional.empty();
		}
		User user = task.getProcessEngineServices()
			.getIdentityService()
			.createUserQuery()
			.userId(userId.get())
			.singleResult();
		if (user == null) {
			return userId;
		}
		String full = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
				+ (user.getLastName() == null ? "" : user.getLastName()))
			.strip();
		return Optional.of(full.isEmpty() ? userId.get() : full);
	}

}
