package io.github.serviceaccounts.request;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;

/**
 * A {@link DelegateExecution} backed by a map, for testing a delegate without an engine.
 */
public final class FakeExecution {

	public final Map<String, Object> variables = new HashMap<>();

	public final DelegateExecution execution = mock(DelegateExecution.class);

	public String businessKey = "svc_jira_sync";

	public FakeExecution(Map<String, Object> initial) {
		variables.putAll(initial);
		lenient().when(execution.getVariable(anyString()))
			.thenAnswer(call -> variables.get(call.<String>getArgument(0)));
		lenient().when(execution.getVariables())
			.thenAnswer(call -> org.camunda.bpm.engine.variable.Variables.fromMap(new HashMap<>(variables)));
		lenient().when(execution.getProcessInstanceId()).thenReturn("instance-1");
		lenient().when(execution.getBusinessKey()).thenAnswer(call -> businessKey);
		doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1))).when(execution)
			.setVariable(anyString(), any());
		doAnswer(call -> businessKey = call.getArgument(0)).when(execution).setProcessBusinessKey(anyString());
	}

	/**
	 * The engine's record of who started the instance (its history's start user), as
	 * RequestRecords reads it.
	 */
	public FakeExecution startedBy(String userId) {
		HistoricProcessInstance instance = mock(HistoricProcessInstance.class);
		lenient().when(instance.getStartUserId()).thenReturn(userId);
		HistoricProcessInstanceQuery query = mock(HistoricProcessInstanceQuery.class, RETURNS_SELF);
		lenient().when(query.singleResult()).thenReturn(instance);
		HistoryService history = mock(HistoryService.class);
		lenient().when(history.createHistoricProcessInstanceQuery()).thenReturn(query);
		lenient().when(services().getHistoryService()).thenReturn(history);
		return this;
	}

	/** The instance's open task of that kind, as a task query finds it. */
	public FakeExecution withOpenTask(String taskDefinitionKey, String taskId) {
		org.camunda.bpm.engine.task.Task task = mock(org.camunda.bpm.engine.task.Task.class);
		lenient().when(task.getId()).thenReturn(taskId);
		org.camunda.bpm.engine.task.TaskQuery query = mock(org.camunda.bpm.engine.task.TaskQuery.class, RETURNS_SELF);
		lenient().when(query.list()).thenReturn(java.util.List.of());
		lenient().when(query.taskDefinitionKey(taskDefinitionKey)).thenAnswer(call -> {
			org.camunda.bpm.engine.task.TaskQuery matching = mock(org.camunda.bpm.engine.task.TaskQuery.class,
					RETURNS_SELF);
			lenient().when(matching.list()).thenReturn(java.util.List.of(task));
			return matching;
		});
		org.camunda.bpm.engine.TaskService tasks = mock(org.camunda.bpm.engine.TaskService.class);
		lenient().when(tasks.createTaskQuery()).thenReturn(query);
		lenient().when(services().getTaskService()).thenReturn(tasks);
		return this;
	}

	private ProcessEngineServices services;

	private ProcessEngineServices services() {
		if (services == null) {
			services = mock(ProcessEngineServices.class);
			lenient().when(execution.getProcessEngineServices()).thenReturn(services);
		}
		return services;
	}

}
