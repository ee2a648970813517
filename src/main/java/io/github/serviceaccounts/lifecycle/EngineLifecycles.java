package io.github.serviceaccounts.lifecycle;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The lifecycles as the engine holds them. Listing them costs one query for the instances
 * and one per {@value #CHUNK} instances for their variables, never one per instance.
 * <p>
 * Runs inside the sweep's job, in the job executor: no person is authenticated and no
 * HTTP call is in progress, so the engine's guard does not count the correlation as one
 * "from outside" (which it refuses: a person may not move another's lifecycle by
 * message).
 */
@Component
class EngineLifecycles implements Lifecycles {

	private static final Logger log = LoggerFactory.getLogger(EngineLifecycles.class);

	/** Ids per IN clause: Oracle's limit, and small enough for every database. */
	static final int CHUNK = 1000;

	private static final String MESSAGE = "message";

	private static final Set<String> READ = Set.of(LifecycleVariables.ACCOUNT_SYS_ID.name(),
			LifecycleVariables.OWNER.name(), LifecycleVariables.LOCKED_BY_LIFECYCLE.name(),
			LifecycleVariables.LAST_REVIEWED_AT.name());

	private final RuntimeService runtime;

	EngineLifecycles(RuntimeService runtime) {
		this.runtime = runtime;
	}

	/**
	 * A suspended lifecycle is an operator's decision to hold it: the sweep leaves it be.
	 */
	@Override
	public List<GovernedAccount> governed() {
		List<ProcessInstance> instances = runtime.createProcessInstanceQuery()
			.processDefinitionKey(LifecycleProcess.PROCESS_ID)
			.active()
			.list();
		Map<String, Map<String, Object>> variables = new HashMap<>();
		for (int from = 0; from < instances.size(); from += CHUNK) {
			String[] ids = instances.subList(from, Math.min(from + CHUNK, instances.size()))
				.stream()
				.map(ProcessInstance::getId)
				.toArray(String[]::new);
			for (VariableInstance variable : runtime.createVariableInstanceQuery()
				.processInstanceIdIn(ids)
				.variableNameIn(READ.toArray(String[]::new))
				.disableBinaryFetching()
				.disableCustomObjectDeserialization()
				.list()) {
				// the instance's own variables only, not a local one of the same name
				if (variable.getExecutionId().equals(variable.getProcessInstanceId())) {
					variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
						.put(variable.getName(), variable.getValue());
				}
			}
		}
		List<GovernedAccount> governed = new ArrayList<>(instances.size());
		for (ProcessInstance instance : instances) {
			Map<String, Object> values = variables.getOrDefault(instance.getId(), Map.of());
			governed.add(new GovernedAccount(instance.getId(), instance.getBusinessKey(),
					text(values.get(LifecycleVariables.ACCOUNT_SYS_ID.name())),
					text(values.get(LifecycleVariables.OWNER.name())),
					Boolean.TRUE.equals(values.get(LifecycleVariables.LOCKED_BY_LIFECYCLE.name())),
					instant(instance, values.get(LifecycleVariables.LAST_REVIEWED_AT.name()))));
		}
		return governed;
	}

	@Override
	public boolean waitingFor(GovernedAccount account, String messageName) {
		return runtime.createEventSubscriptionQuery()
			.processInstanceId(account.lifecycleId())
			.eventType(MESSAGE)
			.eventName(messageName)
			.count() > 0;
	}

	/**
	 * By business key and by the instance found under the lifecycle's process definition
	 * key: the request process shares the business key but never this message, and no
	 * other lifecycle can take it.
	 */
	@Override
	public void tell(GovernedAccount account, String messageName) {
		runtime.createMessageCorrelation(messageName)
			.processInstanceBusinessKey(account.userName())
			.processInstanceId(account.lifecycleId())
			.correlateWithResult();
	}

	@Override
	public boolean retiring(GovernedAccount account) {
		return runtime.createExecutionQuery()
			.processInstanceId(account.lifecycleId())
			.activityId(LifecycleProcess.RETIRE_ACCOUNT)
			.count()
				+ runtime.createExecutionQuery()
					.processInstanceId(account.lifecycleId())
					.activityId(LifecycleProcess.NOTIFY_ACCOUNT_RETIRED)
					.count() > 0;
	}

	@Override
	public Map<String, String> openMissingIncidents() {
		return runtime.createIncidentQuery()
			.incidentType(SweepProcess.Incidents.ACCOUNT_MISSING)
			.processDefinitionKeyIn(LifecycleProcess.PROCESS_ID)
			.list()
			.stream()
			.collect(Collectors.toMap(Incident::getProcessInstanceId, Incident::getId, (first, second) -> first));
	}

	@Override
	public void raiseMissing(GovernedAccount account, String message) {
		runtime.createIncident(SweepProcess.Incidents.ACCOUNT_MISSING, waitingExecution(account.lifecycleId()),
				account.sysId(), message);
	}

	@Override
	public void resolveMissing(GovernedAccount account, String incidentId) {
		runtime.resolveIncident(incidentId);
	}

	/**
	 * An execution that stands at an activity (an incident needs one): the instance's
	 * first leaf, wherever in its sub-processes it waits.
	 */
	private String waitingExecution(String processInstanceId) {
		ActivityInstance instance = runtime.getActivityInstance(processInstanceId);
		while (instance != null) {
			if (instance.getChildActivityInstances().length > 0) {
				instance = instance.getChildActivityInstances()[0];
				continue;
			}
			TransitionInstance[] transitions = instance.getChildTransitionInstances();
			if (transitions.length > 0) {
				return transitions[0].getExecutionId();
			}
			return instance.getExecutionIds()[0];
		}
		return processInstanceId;
	}

	private static String text(Object value) {
		return value instanceof String text && !text.isBlank() ? text : null;
	}

	private static Instant instant(ProcessInstance instance, Object value) {
		String text = text(value);
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			log.warn("Lifecycle {} ({}) holds {}='{}', not an ISO-8601 instant; treated as never reviewed",
					instance.getId(), instance.getBusinessKey(), LifecycleVariables.LAST_REVIEWED_AT, text);
			return null;
		}
	}

}
