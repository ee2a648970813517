package io.github.serviceaccounts.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * How the engine treats a person's refused submission: as the refusal, in plain words and
 * one INFO line ({@link RefusedSubmissions}), on every route into the engine. The
 * engine's logging of its own failures stays as it is.
 */
@Component
class RefusalPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		// One interceptor per chain: an interceptor knows the next one of its own chain.
		configuration.setCustomPostCommandInterceptorsTxRequired(
				with(configuration.getCustomPostCommandInterceptorsTxRequired(), new RefusedSubmissions()));
		configuration.setCustomPostCommandInterceptorsTxRequiresNew(
				with(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), new RefusedSubmissions()));
	}

	private static List<CommandInterceptor> with(List<CommandInterceptor> interceptors, CommandInterceptor added) {
		List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
		all.add(added);
		return all;
	}

}
