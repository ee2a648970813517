package io.github.serviceaccounts.security;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Lets the person who starts a request read that request, and only that one: its instance
 * and, once it has ended, its history (until history cleanup removes that history, and
 * the grant with it). Everything else is the engine's default (an assignee or a candidate
 * may work on the task given to them).
 */
class RequesterAuthorizationProvider extends DefaultAuthorizationProvider {

	@Override
	public AuthorizationEntity[] newProcessInstance(ProcessInstance processInstance) {
		String starter = Context.getCommandContext() == null ? null
				: Context.getCommandContext().getAuthenticatedUserId();
		if (starter == null) {
			return null;
		}
		// The instance's id; its processInstanceId is only filled in after it is
		// inserted.
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
		// Tied to the root instance like the engine's own historic-task grants: when the
		// instance ends, the
		// engine gives it the history's removal time, and history cleanup deletes it with
		// the history.
		// Without it, one row per request stayed in ACT_RU_AUTHORIZATION for ever, and
		// the engine reads
		// that whole table (distinct group ids) in every command of a user with groups.
		history.setRootProcessInstanceId(
				processInstance instanceof ExecutionEntity execution && execution.getRootProcessInstanceId() != null
						? execution.getRootProcessInstanceId() : processInstance.getId());
		return new AuthorizationEntity[] { instance, history };
	}

}
