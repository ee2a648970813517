package io.github.serviceaccounts.lifecycle;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;

import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.servicenow.UnsafeWriteException;

/**
 * What the engine recorded about an acceptance, as opposed to what the variables say: the
 * person who completed the latest "Accept ownership" (or "Confirm ownership") of this
 * instance, authenticated, and whether that completion accepted. A step that makes
 * someone an owner asks this, so nobody becomes an owner without having said yes
 * themselves.
 */
final class LifecycleRecords {

	private LifecycleRecords() {
	}

	/**
	 * @param taskKey the acceptance task's id in the model
	 * @param decision the boolean the completion must have set to true
	 * @param expected who must have accepted (user id)
	 * @throws UnsafeWriteException when no such acceptance is on record
	 */
	static String requireAcceptance(DelegateExecution execution, String taskKey, String decision, String expected) {
		HistoryService history = execution.getProcessEngineServices().getHistoryService();
		List<HistoricTaskInstance> done = history.createHistoricTaskInstanceQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(taskKey)
			.finished()
			.orderByHistoricTaskInstanceEndTime()
			.desc()
			.listPage(0, 1);
		if (done.isEmpty()) {
			throw refused(execution, "no acceptance is on record");
		}
		Optional<UserOperationLogEntry> completion = history.createUserOperationLogQuery()
			.taskId(done.get(0).getId())
			.operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
			.list()
			.stream()
			.filter(entry -> entry.getUserId() != null)
			.findFirst();
		if (completion.isEmpty()) {
			throw refused(execution, "the acceptance was not completed by an authenticated person");
		}
		String accepter = completion.get().getUserId();
		if (!UserIdMapping.samePerson(accepter, expected)) {
			throw refused(execution, "the acceptance was completed by " + accepter + ", not by " + expected);
		}
		boolean accepted = false;
		for (HistoricDetail detail : history.createHistoricDetailQuery()
			.variableUpdates()
			.userOperationId(completion.get().getOperationId())
			.list()) {
			if (detail instanceof HistoricVariableUpdate update && decision.equals(update.getVariableName())) {
				accepted = Boolean.TRUE.equals(update.getValue());
			}
		}
		if (!accepted) {
			throw refused(execution, accepter + " did not accept");
		}
		return accepter;
	}

	private static UnsafeWriteException refused(DelegateExecution execution, String why) {
		return new UnsafeWriteException(
				"Refused to change the owner of " + LifecycleVariables.ACCOUNT_USER_NAME.find(execution).orElse("?")
						+ " (instance " + execution.getProcessInstanceId() + "): " + why + ". Nothing was written.");
	}

}
