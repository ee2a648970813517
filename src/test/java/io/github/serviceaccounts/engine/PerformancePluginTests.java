package io.github.serviceaccounts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PerformancePluginTests {

	private final String before = System.getProperty(PerformancePlugin.DATATYPE_FACTORY);

	@AfterEach
	void restore() {
		if (before == null) {
			System.clearProperty(PerformancePlugin.DATATYPE_FACTORY);
		}
		else {
			System.setProperty(PerformancePlugin.DATATYPE_FACTORY, before);
		}
	}

	@Test
	void timersGetTheJdkDatatypeFactoryWithoutAClassPathSearch() throws Exception {
		System.clearProperty(PerformancePlugin.DATATYPE_FACTORY);

		new PerformancePlugin().preInit(new StandaloneInMemProcessEngineConfiguration());

		assertThat(System.getProperty(PerformancePlugin.DATATYPE_FACTORY))
			.isEqualTo(PerformancePlugin.JDK_DATATYPE_FACTORY);
		// The named class exists in this JDK and parses durations as the engine needs.
		assertThat(DatatypeFactory.newInstance().newDuration("PT72H").getHours()).isEqualTo(72);
	}

	@Test
	void aFactoryChosenByTheDeploymentIsKept() {
		System.setProperty(PerformancePlugin.DATATYPE_FACTORY, "com.example.OtherFactory");

		new PerformancePlugin().preInit(new StandaloneInMemProcessEngineConfiguration());

		assertThat(System.getProperty(PerformancePlugin.DATATYPE_FACTORY)).isEqualTo("com.example.OtherFactory");
	}

}
