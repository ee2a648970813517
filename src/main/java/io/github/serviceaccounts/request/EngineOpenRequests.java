package io.github.serviceaccounts.request;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Open requests are the running instances whose business key is the account name. */
@Component
class EngineOpenRequests implements OpenRequests {

	private final RuntimeService runtimeService;

	// Lazy: the engine's services are created after the beans that its expressions
	// resolve.
	EngineOpenRequests(@Lazy RuntimeService runtimeService) {
		this.runtimeService = runtimeService;
	}

	@Override
	public boolean existsOtherThan(String accountUserName, String processInstanceId) {
		return runtimeService.createProcessInstanceQuery()
			.processDefinitionKey(RequestProcess.PROCESS_ID)
			.processInstanceBusinessKey(accountUserName)
			.list()
			.stream()
			.anyMatch(instance -> !instance.getId().equals(processInstanceId));
	}

}
