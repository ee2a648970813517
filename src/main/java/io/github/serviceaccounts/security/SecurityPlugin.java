package io.github.serviceaccounts.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Engine settings that security depends on, set in code so that no configuration file can loosen
 * them by accident:
 * <ul>
 * <li>authorization checks on, for the web apps and the REST API;</li>
 * <li>an assignee or candidate may work on a task (claim, complete), not reassign or delegate it;</li>
 * <li>no expressions in ad-hoc or stored queries, which neutralises CVE-2026-109432 (expression
 * injection through task queries, including inside {@code orQueries});</li>
 * <li>history permissions per instance, so a requester reads the history of their own requests only.</li>
 * </ul>
 */
@Component
class SecurityPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setAuthorizationEnabled(true);
		configuration.setDefaultUserPermissionNameForTask("TASK_WORK");
		configuration.setEnableExpressionsInAdhocQueries(false);
		configuration.setEnableExpressionsInStoredQueries(false);
		configuration.setEnableHistoricInstancePermissions(true);
		configuration.setResourceAuthorizationProvider(new RequesterAuthorizationProvider());
	}
}
