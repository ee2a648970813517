package io.github.serviceaccounts.security;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Lets the person who starts a request read that request, and only that one: its instance and,
 * once it has ended, its history. Everything else is the engine's default (an assignee or a
 * candidate may work on the task given to them).
 */
class RequesterAuthorizationProvider extends DefaultAuthorizationProvider {

	@Override
	public AuthorizationEntity[] newProcessInstance(ProcessInstance processInstance) {
		String starter = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
		if (starter == null) {
			return null;
		}
		// The instance's id; its processInstanceId is only filled in after it is inserted.
		AuthorizationEntity instance = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
		instance.setUserId(starter);
		instance.setResource(Resources.PROCESS_INSTANCE);
		instance.setResourceId(processInstance.getId());
		instance.addPermission(Permissions.READ);
		AuthorizationEntity history = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
		history.setUserId(starter);
		history.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
		history.setResourceId(processInstance.getId());
		history.addPermission(HistoricProcessInstancePermissions.READ);
		return new AuthorizationEntity[] { instance, history };
	}
}
