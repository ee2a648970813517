package io.github.serviceaccounts.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The HTTP side of security, in the order the filters run:
 * <ol>
 * <li>{@link HttpCalls} marks every request's thread, so the engine treats what it causes
 * as coming from outside;</li>
 * <li>{@link BodySizeLimit} refuses oversized bodies before anything reads them;</li>
 * <li>{@link CsrfWithoutLogout} refuses a web app call with a wrong CSRF token without
 * ending the session;</li>
 * <li>the engine REST API is open by default: here every call must carry HTTP basic
 * credentials that Camunda's identity service accepts or a bearer token of the configured
 * issuer ({@link EngineRestAuthentication}), and the caller then acts as that user (with
 * their groups);</li>
 * <li>{@link EngineApiWall}: canonical paths, authentication, one allow-list and no
 * expressions in queries, at both doors to the engine.</li>
 * </ol>
 * Beside them, {@link ActuatorAccess} checks the same credentials (basic, or a bearer
 * token of the same issuer) at the actuator.
 */
@Configuration
class RestApiAuthentication {

	@Bean
	FilterRegistrationBean<HttpCalls> httpCalls() {
		FilterRegistrationBean<HttpCalls> registration = new FilterRegistrationBean<>(new HttpCalls());
		registration.setName("http-calls");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodySizeLimit> bodySizeLimit() {
		FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(
				new BodySizeLimit(BodySizeLimit.DEFAULT_LIMIT));
		registration.setName("body-size-limit");
		registration.addUrlPatterns(EngineApiWall.ENGINE_REST + "/*", "/camunda/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	FilterRegistrationBean<CsrfWithoutLogout> csrfWithoutLogout(CamundaBpmProperties camunda) {
		FilterRegistrationBean<CsrfWithoutLogout> registration = new FilterRegistrationBean<>(
				new CsrfWithoutLogout(camunda.getWebapp().getCsrf().getEntryPoints()));
		registration.setName("csrf-without-logout");
		registration.addUrlPatterns(camunda.getWebapp().getApplicationPath() + "/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	@Bean
	IdentityClaims identityClaims(IdentityProperties identity, AccessProperties access,
			@Value("${camunda.bpm.generic-properties.properties.userResourceWhitelistPattern:[a-zA-Z0-9]+}") String userIds) {
		return new IdentityClaims(identity,
				Set.of(access.requesterGroup(), access.fallbackApproverGroup(), Groups.CAMUNDA_ADMIN),
				Pattern.compile(userIds));
	}

	@Bean
	FilterRegistrationBean<EngineRestAuthentication> engineRestAuthenticationFilter(IdentityProperties identity,
			IdentityClaims claims, ObjectProvider<JwtDecoder> tokens, Environment environment) {
		FilterRegistrationBean<EngineRestAuthentication> registration = new FilterRegistrationBean<>(
				new EngineRestAuthentication(bearerTokens(tokens, claims, environment), identity.restBasicAuth()));
		registration.setName("engine-rest-authentication");
		registration.addUrlPatterns(EngineApiWall.ENGINE_REST + "/*");
		registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				HttpBasicAuthenticationProvider.class.getName()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/** The configured issuer's bearer tokens, or {@code null} when there is none. */
	private static BearerTokens bearerTokens(ObjectProvider<JwtDecoder> tokens, IdentityClaims claims,
			Environment environment) {
		JwtDecoder decoder = tokens.getIfAvailable();
		if (decoder == null) {
			return null;
		}
		if (isBlank(environment, "spring.security.oauth2.resourceserver.jwt.issuer-uri")
				|| isBlank(environment, "spring.security.oauth2.resourceserver.jwt.audiences")) {
			throw new IllegalStateException("Bearer tokens at the engine REST API and the actuator need both "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (whose keys sign them and which must have issued them) "
					+ "and spring.security.oauth2.resourceserver.jwt.audiences (the audience they must be meant for)");
		}
		return new BearerTokens(decoder, claims);
	}

	private static boolean isBlank(Environment environment, String key) {
		String value = environment.getProperty(key);
		return value == null || value.isBlank();
	}

	@Bean
	FilterRegistrationBean<ActuatorAccess> actuatorAccess(@Lazy IdentityService identityService,
			WebEndpointProperties actuator, AccessProperties access, IdentityClaims claims,
			ObjectProvider<JwtDecoder> tokens, Environment environment) {
		ActuatorAccess.Users users = (user, password) -> identityService.checkPassword(user, password)
				? Optional.of(identityService.createGroupQuery()
					.groupMember(user)
					.list()
					.stream()
					.map(Group::getId)
					.collect(Collectors.toSet()))
				: Optional.empty();
		if (actuator.getBasePath().isEmpty() && !access.metricsOpen()) {
			throw new IllegalStateException("management.endpoints.web.base-path is empty: the actuator's credentials "
					+ "are checked by its path, so give it one of its own (the default is /actuator)");
		}
		FilterRegistrationBean<ActuatorAccess> registration = new FilterRegistrationBean<>(
				new ActuatorAccess(users, bearerTokens(tokens, claims, environment), actuator.getBasePath(),
						access.metricsGroup(), access.metricsOpen()));
		registration.setName("actuator-access");
		registration.addUrlPatterns(actuator.getBasePath() + "/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<EngineApiWall> engineApiWall(@Lazy IdentityService identityService) {
		FilterRegistrationBean<EngineApiWall> registration = new FilterRegistrationBean<>(
				new EngineApiWall(request -> identityService.getCurrentAuthentication() != null));
		registration.setName("engine-api-wall");
		registration.addUrlPatterns(EngineApiWall.doors().toArray(String[]::new));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

}
