package io.github.serviceaccounts.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Engine settings the benchmark showed to matter (see bench/README.md).
 */
@Component
class PerformancePlugin extends AbstractProcessEnginePlugin {

	static final String DATATYPE_FACTORY = "javax.xml.datatype.DatatypeFactory";

	static final String JDK_DATATYPE_FACTORY = "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl";

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		// Every timer's due date (the reminders and escalations of each request) goes
		// through
		// DatatypeFactory.newInstance(), which without this property searches the whole
		// class path for a
		// provider each time: about 3 % of the CPU at full load. Naming the JDK's own
		// factory skips the
		// search; a deployment that names another keeps its choice.
		if (System.getProperty(DATATYPE_FACTORY) == null) {
			System.setProperty(DATATYPE_FACTORY, JDK_DATATYPE_FACTORY);
		}
	}

}
