package io.github.serviceaccounts.request;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;

import io.github.serviceaccounts.servicenow.UnsafeWriteException;

/**
 * What the engine itself recorded about a request, as opposed to what its variables say:
 * who started it (the authenticated user the history keeps as the instance's start user)
 * and who approved it (the person the user operation log names for the approval's
 * completion, with the decision that completion set). Steps that write to ServiceNow ask
 * these, so a variable that was tampered with cannot change who owns an account or
 * whether it was approved.
 */
public final class RequestRecords {

	private RequestRecords() {
	}

	/** The Camunda user id that started the request. */
	public static String requester(DelegateExecution execution) {
		return startUser(history(execution), execution.getProcessInstanceId())
			.orElseThrow(() -> new UnsafeWriteException("The request " + execution.getProcessInstanceId()
					+ " has no authenticated starter on record, so nobody can own the account; nothing was written"));
	}

	/**
	 * The Camunda user id that started the request, as the history keeps it; empty when
	 * nobody authenticated started it.
	 */
	public static Optional<String> startUser(HistoryService history, String processInstanceId) {
		HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult();
		return Optional.ofNullable(instance)
			.map(HistoricProcessInstance::getStartUserId)
			.filter(user -> !user.isBlank());
	}

	/**
	 * The approval that allows this step: the request's latest finished "Approve service
	 * account", completed by an authenticated person other than the requester, whose
	 * completion set {@code approved} to true.
	 * @return the approver's user id
	 * @throws UnsafeWriteException when no such approval is on record
	 */
	public static String requireApproval(DelegateExecution execution) {
		HistoryService history = history(execution);
		String requester = requester(execution);
		List<HistoricTaskInstance> approvals = history.createHistoricTaskInstanceQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(RequestProcess.APPROVE_SERVICE_ACCOUNT)
			.finished()
			.orderByHistoricTaskInstanceEndTime()
			.desc()
			.listPage(0, 1);
		if (approvals.isEmpty()) {
			throw refused(execution, "no approval is on record");
		}
		Optional<UserOperationLogEntry> completion = history.createUserOperationLogQuery()
			.taskId(approvals.get(0).getId())
			.operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
			.list()
			.stream()
			.filter(entry -> entry.getUserId() != null)
			.findFirst();
		if (completion.isEmpty()) {
			throw refused(execution, "the approval was not completed by an authenticated person");
		}
		String approver = completion.get().getUserId();
		if (UserIdMapping.samePerson(approver, requester)) {
			throw refused(execution, "the approval was completed by the requester " + requester);
		}
		boolean approved = false;
		for (HistoricDetail detail : history.createHistoricDetailQuery()
			.variableUpdates()
			.userOperationId(completion.get().getOperationId())
			.list()) {
			if (detail instanceof HistoricVariableUpdate update
					&& RequestVariables.APPROVED.name().equals(update.getVariableName())) {
				approved = Boolean.TRUE.equals(update.getValue());
			}
		}
		if (!approved) {
			throw refused(execution, "the approval that " + approver + " completed did not approve");
		}
		return approver;
	}

	private static UnsafeWriteException refused(DelegateExecution execution, String why) {
		return new UnsafeWriteException("Refused to write to ServiceNow for request " + execution.getProcessInstanceId()
				+ ": " + why + ". Nothing was written.");
	}

	private static HistoryService history(DelegateExecution execution) {
		return execution.getProcessEngineServices().getHistoryService();
	}

}
