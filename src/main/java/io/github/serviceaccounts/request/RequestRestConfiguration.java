package io.github.serviceaccounts.request;

import java.util.Map;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * What the request feature adds to the engine REST API (Jersey), for integrations and for
 * the web apps.
 */
@Configuration(proxyBeanMethods = false)
class RequestRestConfiguration {

	@Bean
	ResourceConfigCustomizer refusedRequestAnswers400() {
		return config -> config.register(RefusedRequestAnswers400.class);
	}

	/**
	 * Tasklist submits forms through the web apps' own JAX-RS application for the engine
	 * API, which the Camunda web app starter registers as the servlet "Engine Api" unless
	 * one of that name exists. It is registered here first, as the starter would, with
	 * the same mapper added; AccessControlTests checks that a refusal submitted as
	 * Tasklist does answers 400.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ServletContextInitializer webAppsEngineApiWithRefusedRequestAnswers400(CamundaBpmProperties camunda) {
		return servletContext -> {
			var engineApi = servletContext.addServlet("Engine Api", ServletContainer.class);
			if (engineApi != null) {
				engineApi.addMapping(camunda.getWebapp().getApplicationPath() + "/api/engine/*");
				engineApi.setInitParameters(Map.of("jakarta.ws.rs.Application", EngineRestApplication.class.getName(),
						ServerProperties.PROVIDER_CLASSNAMES, RefusedRequestAnswers400.class.getName()));
			}
		};
	}

}
