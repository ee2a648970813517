package io.github.serviceaccounts.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import io.github.serviceaccounts.request.RequestRecords;
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
		RequestRecords.Completion acceptance = RequestRecords.latestCompletion(execution, taskKey, decision)
			.orElseThrow(() -> refused(execution, "no acceptance is on record"));
		if (acceptance.person() == null) {
			throw refused(execution, "the acceptance was not completed by an authenticated person");
		}
		if (!UserIdMapping.samePerson(acceptance.person(), expected)) {
			throw refused(execution, "the acceptance was completed by " + acceptance.person() + ", not by " + expected);
		}
		if (!acceptance.decided()) {
			throw refused(execution, acceptance.person() + " did not accept");
		}
		return acceptance.person();
	}

	private static UnsafeWriteException refused(DelegateExecution execution, String why) {
		return new UnsafeWriteException(
				"Refused to change the owner of " + LifecycleVariables.ACCOUNT_USER_NAME.find(execution).orElse("?")
						+ " (instance " + execution.getProcessInstanceId() + "): " + why + ". Nothing was written.");
	}

}
