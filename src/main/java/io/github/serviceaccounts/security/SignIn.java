package io.github.serviceaccounts.security;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Who signs people in to Tasklist, Cockpit and Admin
 * ({@code serviceaccounts.identity.mode}).
 * <p>
 * With Camunda's own users (the local default) Spring Security, which is on the class
 * path for OpenID Connect and bearer tokens, never sees a request: its filter chain is
 * not registered with the servlet container at all, so Camunda's login form, this
 * application's CSRF filter, its engine API wall and its headers work as they did before,
 * and Spring Boot's generated password and login page do not exist.
 */
@Configuration
class SignIn {

	/** After the engine REST API's authentication, before the engine API wall. */
	static final int SPRING_SECURITY_ORDER = Ordered.HIGHEST_PRECEDENCE + 21;

	@Bean
	static BeanPostProcessor springSecurityOnlyForOidc() {
		return new SpringSecurityOnlyForOidc();
	}

	static final class SpringSecurityOnlyForOidc implements BeanPostProcessor, EnvironmentAware {

		private Environment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
			if (bean instanceof DelegatingFilterProxyRegistrationBean registration
					&& "securityFilterChainRegistration".equals(beanName) && !oidc(this.environment)) {
				registration.setEnabled(false);
			}
			else if (bean instanceof DelegatingFilterProxyRegistrationBean registration
					&& "securityFilterChainRegistration".equals(beanName)) {
				// Only where it signs people in, and before the web apps' engine API
				// wall,
				// which needs the web app session it leads to; the engine REST API and
				// the actuator keep their own doors and path checks.
				registration.setUrlPatterns(OidcSignIn.PATHS);
				registration.setOrder(SPRING_SECURITY_ORDER);
			}
			return bean;
		}

	}

	static boolean oidc(Environment environment) {
		return "oidc".equalsIgnoreCase(environment.getProperty("serviceaccounts.identity.mode", "camunda").strip());
	}

}
