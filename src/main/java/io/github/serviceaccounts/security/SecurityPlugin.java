package io.github.serviceaccounts.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Engine settings that security depends on, set in code so that no configuration file can
 * loosen them by accident:
 * <ul>
 * <li>authorization checks on, for the web apps and the REST API;</li>
 * <li>an assignee or candidate may work on a task (claim, complete), not reassign or
 * delegate it;</li>
 * <li>no expressions in ad-hoc or stored queries (the engine's own switch;
 * {@link EngineGuard} also looks inside {@code orQueries}, which the switch misses:
 * CVE-2026-109432);</li>
 * <li>history permissions per instance, so a requester reads the history of their own
 * requests only;</li>
 * <li>{@link EngineGuard} before every command, on every route.</li>
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
		// One guard per chain: an interceptor knows the next one of its own chain.
		FormContract forms = FormContract.fromClasspath();
		configuration.setCustomPostCommandInterceptorsTxRequired(
				with(configuration.getCustomPostCommandInterceptorsTxRequired(), new EngineGuard(forms)));
		configuration.setCustomPostCommandInterceptorsTxRequiresNew(
				with(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), new EngineGuard(forms)));
	}

	private static List<CommandInterceptor> with(List<CommandInterceptor> interceptors, CommandInterceptor guard) {
		List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
		all.add(guard);
		return all;
	}

}
