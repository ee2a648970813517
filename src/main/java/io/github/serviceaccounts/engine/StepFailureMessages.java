package io.github.serviceaccounts.engine;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Makes a service task's failure say what an operator needs in Cockpit: the step, the
 * account and what went wrong (ServiceNow's own error, as the client words it, which
 * never carries a secret). Business refusals ({@link BpmnError}) and failures of
 * listeners and expressions pass unchanged.
 */
class StepFailureMessages implements DelegateInterceptor {

	private final DelegateInterceptor next;

	StepFailureMessages(DelegateInterceptor next) {
		this.next = next;
	}

	@Override
	public void handleInvocation(DelegateInvocation invocation) throws Exception {
		try {
			next.handleInvocation(invocation);
		}
		catch (BpmnError | StepFailedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (invocation.getContextExecution() instanceof ExecutionEntity execution && isServiceTask(execution)) {
				throw new StepFailedException(describe(execution) + ": " + ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	private static boolean isServiceTask(ExecutionEntity execution) {
		return execution.getActivity() != null
				&& "serviceTask".equals(execution.getActivity().getProperties().get(BpmnProperties.TYPE));
	}

	static String describe(DelegateExecution execution) {
		String step = execution.getCurrentActivityName() != null ? execution.getCurrentActivityName()
				: execution.getCurrentActivityId();
		if (execution.getBusinessKey() != null) {
			return "\"" + step + "\" failed for " + execution.getBusinessKey();
		}
		// a run about no one account (the sweep, an adoption run): named by its process
		String process = execution instanceof ExecutionEntity entity && entity.getProcessDefinition() != null
				&& entity.getProcessDefinition().getName() != null ? entity.getProcessDefinition().getName()
						: execution.getProcessDefinitionId();
		return "\"" + step + "\" failed in \"" + process + "\" " + execution.getProcessInstanceId();
	}

	/**
	 * A service task's failure, described for operators; the cause is kept for the stack
	 * trace.
	 */
	static class StepFailedException extends RuntimeException {

		StepFailedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
