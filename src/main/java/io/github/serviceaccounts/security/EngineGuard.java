package io.github.serviceaccounts.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.ActivityStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.DeploymentStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.HistoricActivityStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.ProcessDefinitionStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.*;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.serviceaccounts.request.FormLabels;
import io.github.serviceaccounts.request.Violation;

/**
 * The engine's own wall: every command, whatever route brought it (the engine REST API,
 * the web apps' engine API that Tasklist and Cockpit use, their plugins, or code in this
 * JVM), passes here inside its command context and before it runs, so a refusal writes
 * nothing. Unlike a servlet filter it does not depend on the shape of a URL: it sees the
 * command the engine is about to execute.
 * <p>
 * For every caller, the engine itself included:
 * <ul>
 * <li>no instance starts anywhere but at its start event, and none is modified,
 * restarted, migrated or moved to another version: nothing may skip the checks, listeners
 * and I/O mappings on the way;</li>
 * <li>no task query, ad hoc or stored in a filter, carries an expression at any depth
 * ({@code orQueries} included), which neutralises CVE-2026-109432.</li>
 * </ul>
 * For a call from outside (a person is authenticated, or the call came in over HTTP):
 * <ul>
 * <li>a start or a task completion sets only the editable fields of its own form, with
 * plain values;</li>
 * <li>variables are never set or removed in any other way (variable APIs, messages,
 * signals, BPMN errors or escalations thrown at a task);</li>
 * <li>no deployment is created, redeployed or deleted, administrators included: the
 * application deploys its own models as it starts;</li>
 * <li>an instance is never deleted with its listeners or I/O mappings skipped;</li>
 * <li>comments go only on tasks and requests the caller can see, and are never edited or
 * deleted;</li>
 * <li>statistics that count instances need the right to read those instances.</li>
 * </ul>
 */
final class EngineGuard extends CommandInterceptor {

	private static final Logger log = LoggerFactory.getLogger(EngineGuard.class);

	/**
	 * Start elsewhere than the start event, modify, restart, migrate: refused for
	 * everybody.
	 */
	private static final List<Class<?>> NEVER = List.of(StartProcessInstanceAtActivitiesCmd.class,
			ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class,
			AbstractProcessInstanceModificationCommand.class, AbstractRestartProcessInstanceCmd.class,
			RestartProcessInstancesBatchCmd.class, MigrateProcessInstanceCmd.class,
			MigrateProcessInstanceBatchCmd.class, SetProcessDefinitionVersionCmd.class);

	/**
	 * Ways to change variables or move a token other than a form: refused from outside.
	 */
	private static final List<Class<?>> NO_VARIABLES_FROM_OUTSIDE = List.of(AbstractSetVariableCmd.class,
			AbstractRemoveVariableCmd.class, AbstractPatchVariablesCmd.class,
			SetVariablesToProcessInstancesBatchCmd.class, SignalCmd.class, SignalEventReceivedCmd.class,
			MessageEventReceivedCmd.class, CorrelateMessageCmd.class, CorrelateAllMessageCmd.class,
			CorrelateAllMessageBatchCmd.class, HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class,
			EvaluateStartConditionCmd.class, DeleteHistoricVariableInstanceCmd.class,
			DeleteHistoricVariableInstancesByProcessInstanceIdCmd.class);

	/** Deployments belong to the application. */
	private static final List<Class<?>> NO_DEPLOYMENTS_FROM_OUTSIDE = List.of(DeployCmd.class,
			DeleteDeploymentCmd.class, RegisterDeploymentCmd.class, UnregisterDeploymentCmd.class,
			AbstractDeleteProcessDefinitionCmd.class, DeleteProcessDefinitionsByIdsCmd.class);

	private static final List<Class<?>> NO_COMMENT_CHANGES_FROM_OUTSIDE = List.of(UpdateCommentCmd.class,
			DeleteTaskCommentCmd.class, DeleteProcessInstanceCommentCmd.class);

	private static final List<Class<?>> INSTANCE_STATISTICS = List.of(ProcessDefinitionStatisticsQueryImpl.class,
			ActivityStatisticsQueryImpl.class, DeploymentStatisticsQueryImpl.class,
			HistoricActivityStatisticsQueryImpl.class);

	private final FormContract forms;

	EngineGuard(FormContract forms) {
		this.forms = forms;
	}

	@Override
	public <T> T execute(Command<T> command) {
		CommandContext context = Context.getCommandContext();
		try {
			check(command, context != null && isFromOutside(context));
		}
		catch (GuardRefusal | GuardForbidden refused) {
			// The command's name is for the operator; the caller reads the message only.
			log.warn("Refused {}: {}{}", command.getClass().getSimpleName(), refused.getMessage(),
					refused instanceof GuardRefusal refusal && refusal.detail != null ? " (" + refusal.detail + ")"
							: "");
			throw refused;
		}
		return next.execute(command);
	}

	/** A person is authenticated, or the call came in over HTTP. */
	static boolean isFromOutside(CommandContext context) {
		return context.getAuthenticatedUserId() != null || HttpCalls.inProgress();
	}

	private void check(Command<?> command, boolean outside) {
		if (isAny(command, NEVER)) {
			forbid("Process instances start only at their start event and are never modified, restarted or migrated.");
		}
		if (command instanceof AbstractQuery<?, ?> query) {
			checkQuery(query);
		}
		else if (command instanceof AbstractExecuteFilterCmd filterCmd) {
			checkFilter(filterCmd);
		}
		else if (command instanceof SaveFilterCmd save) {
			checkStoredFilter(CommandFields.read(save, "filter", Filter.class));
		}
		if (!outside) {
			return;
		}
		if (isAny(command, NO_VARIABLES_FROM_OUTSIDE)) {
			forbid("Variables are set only through the forms of the process.");
		}
		if (isAny(command, NO_DEPLOYMENTS_FROM_OUTSIDE)) {
			forbid("Deployments come only from the application itself; nobody deploys or removes models through an API.");
		}
		if (isAny(command, NO_COMMENT_CHANGES_FROM_OUTSIDE)) {
			forbid("Comments are part of a request's record and are never edited or deleted.");
		}
		if (command instanceof StartProcessInstanceCmd start) {
			ProcessInstantiationBuilderImpl builder = CommandFields.read(start, "instantiationBuilder",
					ProcessInstantiationBuilderImpl.class);
			checkStart(definitionKey(builder.getProcessDefinitionKey(), builder.getProcessDefinitionId()),
					builder.getVariables());
		}
		else if (command instanceof SubmitStartFormCmd submit) {
			checkStart(definitionKey(null, CommandFields.read(submit, "processDefinitionId", String.class)),
					CommandFields.read(submit, "variables", Map.class));
		}
		else if (command instanceof CompleteTaskCmd complete) {
			checkCompletion(CommandFields.read(complete, "taskId", String.class),
					CommandFields.read(complete, "variables", Map.class));
		}
		else if (command instanceof SubmitTaskFormCmd submit) {
			checkCompletion(CommandFields.read(submit, "taskId", String.class),
					CommandFields.read(submit, "properties", Map.class));
		}
		else if (command instanceof AbstractDeleteProcessInstanceCmd
				|| command instanceof DeleteProcessInstanceBatchCmd) {
			if (CommandFields.read(command, "skipCustomListeners", Boolean.class)
					|| CommandFields.read(command, "skipIoMappings", Boolean.class)) {
				forbid("A request is never deleted with its listeners or I/O mappings skipped.");
			}
		}
		else if (command instanceof AddCommentCmd comment) {
			checkComment(CommandFields.read(comment, "taskId", String.class),
					CommandFields.read(comment, "processInstanceId", String.class));
		}
		else if (isAny(command, INSTANCE_STATISTICS)) {
			checkStatistics();
		}
	}

	private static boolean isAny(Command<?> command, List<Class<?>> types) {
		for (Class<?> type : types) {
			if (type.isInstance(command)) {
				return true;
			}
		}
		return false;
	}

	private void checkStart(String definitionKey, Map<?, ?> variables) {
		String form = forms.startForm(definitionKey)
			.orElseThrow(
					() -> new GuardForbidden("This process has no start form, so it cannot be started from outside."));
		checkFields(form, variables);
	}

	private void checkCompletion(String taskId, Map<?, ?> variables) {
		TaskEntity task = taskId == null ? null : Context.getCommandContext().getTaskManager().findTaskById(taskId);
		if (task == null) {
			return; // the engine answers "no such task" itself
		}
		if (task.getTaskDefinitionKey() == null) {
			if (variables != null && !variables.isEmpty()) {
				refuse("A task outside the process takes no values.");
			}
			return;
		}
		checkFields(task.getTaskDefinitionKey(), variables);
	}

	/**
	 * Only the form's editable fields, each with a plain value (text, true/false, a
	 * number, a date or none).
	 */
	private void checkFields(String form, Map<?, ?> variables) {
		if (variables == null || variables.isEmpty()) {
			return;
		}
		Set<String> allowed = forms.editableFields(form);
		Set<String> refused = new TreeSet<>();
		for (Object name : variables.keySet()) {
			if (!allowed.contains(String.valueOf(name))) {
				refused.add(printable(name));
			}
		}
		if (!refused.isEmpty()) {
			// The names sent go to the log only; the caller reads the form's labels.
			throw new GuardRefusal(
					allowed.isEmpty() ? "This form takes no values."
							: "Only the fields of this form can be sent (" + labels(form, allowed) + "); "
									+ (refused.size() == 1 ? "one value sent is not one of them."
											: refused.size() + " values sent are not among them."),
					"not fields of the form " + form + ": " + String.join(", ", refused));
		}
		for (Object name : variables.keySet()) {
			// Typed, so that a serialized object is judged by its type and never
			// deserialized here.
			Object value = variables instanceof VariableMap typed ? typed.getValueTyped(String.valueOf(name))
					: variables.get(name);
			if (!isPlain(value)) {
				refuse(FormLabels.deployed()
					.sentence(form,
							new Violation(String.valueOf(name), "takes text or true/false, not " + kindOf(value))));
			}
		}
	}

	/** The value types a form field can hold. */
	static final Set<String> PLAIN_TYPES = Set.of("string", "boolean", "integer", "long", "short", "double", "date",
			"null");

	/** The engine's value types that no form field holds, in words. */
	private static final Map<String, String> KINDS = Map.of("json", "JSON", "xml", "XML", "object", "an object",
			"bytes", "bytes", "file", "a file");

	private static final List<Class<?>> PLAIN_CLASSES = List.of(String.class, Boolean.class, Integer.class, Long.class,
			Short.class, Double.class, java.util.Date.class);

	/**
	 * Text, true/false, a number, a date or nothing; never an object, a file, bytes, JSON
	 * or XML.
	 */
	static boolean isPlain(Object value) {
		if (value instanceof TypedValue typed && typed.getType() == null) {
			return isPlain(typed.getValue()); // an untyped value: judged by what it holds
		}
		if (value instanceof TypedValue typed) {
			return PLAIN_TYPES.contains(typed.getType().getName())
					&& (typed.getValue() == null || PLAIN_CLASSES.contains(typed.getValue().getClass()));
		}
		return value == null || PLAIN_CLASSES.contains(value.getClass());
	}

	/**
	 * What a value that no form field holds is, in words: the engine's name of its type,
	 * never a Java class name.
	 */
	private static String kindOf(Object value) {
		if (value instanceof TypedValue typed) {
			return typed.getType() != null ? KINDS.getOrDefault(typed.getType().getName(), "another kind of value")
					: kindOf(typed.getValue());
		}
		if (value instanceof Map<?, ?>) {
			return "an object";
		}
		if (value instanceof Iterable<?> || (value != null && value.getClass().isArray())) {
			return "a list";
		}
		return "another kind of value";
	}

	/** The labels of the form's fields, in alphabetical order. */
	private static String labels(String form, Set<String> fields) {
		return String.join(", ", new TreeSet<>(
				fields.stream().map(field -> FormLabels.deployed().label(form, field).orElse(field)).toList()));
	}

	/**
	 * A caller's name as it may go into a message and a log line: no line breaks or other
	 * controls.
	 */
	private static String printable(Object name) {
		return String.valueOf(name).replaceAll("[^A-Za-z0-9_.:-]", "?");
	}

	private static String definitionKey(String key, String id) {
		if (key != null) {
			return key;
		}
		ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration()
			.getDeploymentCache()
			.findDeployedProcessDefinitionById(id);
		return definition.getKey();
	}

	private static void checkQuery(AbstractQuery<?, ?> query) {
		if (query instanceof TaskQueryImpl taskQuery) {
			checkTaskQuery(taskQuery, "query");
		}
	}

	private static void checkFilter(AbstractExecuteFilterCmd command) {
		Query<?, ?> extending = CommandFields.read(command, "extendingQuery", Query.class);
		if (extending instanceof TaskQueryImpl taskQuery) {
			checkTaskQuery(taskQuery, "query");
		}
		String filterId = CommandFields.read(command, "filterId", String.class);
		FilterEntity stored = filterId == null ? null
				: Context.getCommandContext().getFilterManager().findFilterById(filterId);
		if (stored != null) {
			checkStoredFilter(stored);
		}
	}

	private static void checkStoredFilter(Filter filter) {
		if (filter != null && filter.getQuery() instanceof TaskQueryImpl taskQuery) {
			checkTaskQuery(taskQuery, "filter '" + filter.getName() + "'");
		}
	}

	/**
	 * Every part of the query, the OR-ed ones too (the engine's own switch looks at the
	 * first only).
	 */
	private static void checkTaskQuery(TaskQueryImpl query, String what) {
		List<TaskQueryImpl> parts = query.getQueries();
		for (int i = 0; i < parts.size(); i++) {
			TaskQueryImpl part = parts.get(i);
			if (part.getExpressions() != null && !part.getExpressions().isEmpty()) {
				refuse("Expressions are not allowed in queries (" + what
						+ (i == 0 ? "" : ", orQueries[" + (i - 1) + "]") + ": "
						+ String.join(", ", new TreeSet<>(part.getExpressions().keySet())) + ")");
			}
		}
	}

	private static void checkComment(String taskId, String processInstanceId) {
		var engine = Context.getProcessEngineConfiguration();
		boolean visible = taskId != null ? engine.getTaskService().createTaskQuery().taskId(taskId).count() == 1
				: processInstanceId != null && engine.getRuntimeService()
					.createProcessInstanceQuery()
					.processInstanceId(processInstanceId)
					.count() == 1;
		if (!visible) {
			forbid("A comment goes only on a task or a request you can see.");
		}
	}

	private void checkStatistics() {
		var authorizations = Context.getCommandContext().getAuthorizationManager();
		for (String key : forms.processDefinitionKeys()) {
			if (!authorizations.isAuthorized(ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION,
					key) && !authorizations.isAuthorized(Permissions.READ, Resources.PROCESS_INSTANCE, "*")) {
				forbid("Statistics count every request; they need the right to read every request.");
			}
		}
	}

	private static void refuse(String message) {
		throw new GuardRefusal(message);
	}

	private static void forbid(String message) {
		throw new GuardForbidden(message);
	}

	/**
	 * The caller's mistake (a field its form does not hold, an expression in a query):
	 * answered 400 at every door.
	 */
	static final class GuardRefusal extends BadUserRequestException {

		/** What the operator reads besides the message (the log only), or null. */
		final String detail;

		GuardRefusal(String message) {
			this(message, null);
		}

		GuardRefusal(String message, String detail) {
			super(message);
			this.detail = detail;
		}

	}

	/**
	 * Nobody, or not this caller, may do it: the REST layers answer 403, as for any
	 * missing permission.
	 */
	static final class GuardForbidden extends AuthorizationException {

		GuardForbidden(String message) {
			super(message);
		}

	}

}
